//! A synthetic careers site for benchmarks and scale tests, made from a seed: N postings of
//! about 3 KB of mixed Chinese and English Markdown each (headings, two bullet lists,
//! paragraphs, a fenced code block in one posting of ten), 20 teams with their files,
//! 8 locations, a few resumes, a home page and a `config.toml`.
//!
//! The same seed, count and "today" always give the same files, byte for byte. Used by
//! `examples/gen_corpus.rs` (the benchmark's input) and by the scale test.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use crate::rng::Rng;

use chrono::{Days, NaiveDate};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub postings: usize,
    pub seed: u64,
    /// The day the site will be built: most postings close after it, some before.
    pub today: NaiveDate,
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub postings: usize,
    /// Postings neither closed (on `today`) nor drafts: those of `jobs.json`.
    pub open: usize,
    pub closed: usize,
    pub drafts: usize,
    pub teams: usize,
    pub locations: usize,
    pub resumes: usize,
    /// Postings with a fenced code block.
    pub code_blocks: usize,
    /// Bytes of all files written.
    pub bytes: usize,
}

/// The teams: ID, display name, whether the name is Chinese, summary.
const TEAMS: [(&str, &str, &str); 20] = [
    (
        "infra",
        "基础架构团队",
        "建设公司级的分布式基础设施，支撑所有业务的稳定运行。",
    ),
    (
        "storage",
        "分布式存储团队",
        "研发自主可控的分布式存储引擎与对象存储服务。",
    ),
    (
        "database",
        "数据库内核团队",
        "打造高性能、高可用的云原生分布式数据库。",
    ),
    (
        "payments",
        "Payments",
        "Builds the payment, clearing and settlement systems behind every order.",
    ),
    (
        "risk",
        "智能风控团队",
        "用实时计算与机器学习守护每一笔交易的安全。",
    ),
    (
        "search",
        "Search",
        "Runs the search engine and ranking services used by hundreds of millions of people.",
    ),
    (
        "recommend",
        "推荐算法团队",
        "负责首页、信息流与广告的个性化推荐。",
    ),
    (
        "ml-platform",
        "机器学习平台",
        "为算法工程师提供训练、推理与特征服务的一站式平台。",
    ),
    (
        "cloud-native",
        "云原生 PaaS 团队",
        "承担云原生技术落地，并对外输出金融级 PaaS 产品。",
    ),
    (
        "sre",
        "Site Reliability",
        "Keeps production fast and boring: on-call, capacity, incident response.",
    ),
    ("security", "安全团队", "负责应用安全、数据安全与隐私合规。"),
    (
        "data",
        "数据平台团队",
        "建设离线与实时一体化的数据仓库和数据开发平台。",
    ),
    (
        "mobile",
        "Mobile",
        "Builds the iOS and Android apps and the client architecture they share.",
    ),
    (
        "frontend",
        "前端技术团队",
        "负责 Web 与小程序的前端工程体系和组件库。",
    ),
    (
        "qa",
        "质量保障团队",
        "建设测试平台、混沌工程与发布质量体系。",
    ),
    (
        "compiler",
        "Compilers & Runtimes",
        "Works on the JIT, the garbage collector and the build toolchain.",
    ),
    (
        "network",
        "应用网络团队",
        "研发服务网格、API 网关与七层负载均衡。",
    ),
    (
        "middleware",
        "中间件团队",
        "负责消息队列、RPC 框架与配置中心等核心中间件。",
    ),
    (
        "devtools",
        "Developer Tools",
        "Builds the CI, code review and release tooling every engineer uses.",
    ),
    (
        "growth",
        "用户增长团队",
        "通过数据驱动的实验持续提升用户体验与增长。",
    ),
];

/// The locations, most popular first.
const LOCATIONS: [&str; 8] = [
    "杭州市",
    "北京市",
    "上海市",
    "深圳市",
    "成都市",
    "广州市",
    "南京市",
    "Singapore",
];

const ZH_LEVELS: [&str; 6] = ["P5", "P6", "P7", "P8", "P6~P7", "P7~P8"];
const EN_LEVELS: [&str; 5] = ["Junior", "Mid-level", "Senior", "Staff", "Principal"];

const ZH_PREFIXES: [&str; 5] = ["", "高级", "资深", "初级", "首席"];
const ZH_DOMAINS: [&str; 20] = [
    "后端",
    "前端",
    "分布式存储",
    "数据库内核",
    "机器学习",
    "推荐算法",
    "风控策略",
    "支付系统",
    "云原生",
    "SRE",
    "安全",
    "大数据",
    "客户端",
    "测试开发",
    "数据平台",
    "搜索",
    "编译器",
    "网络",
    "中间件",
    "Java",
];
const ZH_ROLES: [&str; 6] = [
    "研发工程师",
    "开发工程师",
    "技术专家",
    "架构师",
    "工程师",
    "算法工程师",
];
const EN_PREFIXES: [&str; 5] = ["", "Senior ", "Staff ", "Principal ", "Junior "];
const EN_DOMAINS: [&str; 16] = [
    "Backend",
    "Frontend",
    "Storage",
    "Database",
    "Machine Learning",
    "Infrastructure",
    "Site Reliability",
    "Security",
    "Data",
    "Mobile",
    "Payments",
    "Search",
    "Compiler",
    "Networking",
    "Platform",
    "Rust",
];
const EN_ROLES: [&str; 5] = [
    "Engineer",
    "Software Engineer",
    "Tech Lead",
    "Architect",
    "Developer",
];

const TAGS: [&str; 24] = [
    "Rust",
    "Go",
    "Java",
    "C++",
    "Python",
    "TypeScript",
    "Kubernetes",
    "Kafka",
    "分布式",
    "存储",
    "高并发",
    "云原生",
    "机器学习",
    "大数据",
    "安全",
    "前端",
    "数据库",
    "Linux",
    "性能优化",
    "SRE",
    "React",
    "Flink",
    "微服务",
    "开源",
];

const TECH: [&str; 24] = [
    "Rust",
    "Go",
    "Java",
    "C++",
    "Python",
    "TypeScript",
    "Kubernetes",
    "Kafka",
    "RocksDB",
    "MySQL",
    "PostgreSQL",
    "Redis",
    "Flink",
    "Spark",
    "gRPC",
    "Envoy",
    "React",
    "PyTorch",
    "Linux",
    "eBPF",
    "Prometheus",
    "ClickHouse",
    "Istio",
    "Raft",
];

const ZH_SYSTEMS: [&str; 18] = [
    "分布式存储引擎",
    "消息队列",
    "交易核心链路",
    "实时计算平台",
    "推荐系统",
    "风控决策引擎",
    "容器调度平台",
    "服务网格",
    "数据库中间件",
    "监控告警平台",
    "搜索引擎",
    "支付清结算系统",
    "移动客户端架构",
    "前端工程体系",
    "数据仓库",
    "机器学习平台",
    "API 网关",
    "配置中心",
];
const ZH_ACTIVITIES: [&str; 10] = [
    "架构设计与核心模块研发",
    "性能优化与稳定性建设",
    "容量规划与成本治理",
    "高可用与容灾方案",
    "技术演进规划",
    "自动化运维体系",
    "可观测性建设",
    "灰度发布体系",
    "多活架构改造",
    "研发效能提升",
];
const ZH_GOALS: [&str; 10] = [
    "支撑每秒百万级请求",
    "保障双11等大促的稳定运行",
    "让业务团队更快地交付",
    "将 P99 延迟降低到 10 毫秒以内",
    "为全球数亿用户提供服务",
    "持续提升研发效率",
    "降低整体资源成本",
    "实现异地多活与秒级切换",
    "守护每一笔资金的安全",
    "让数据在分钟级内可用",
];
const ZH_PARTNERS: [&str; 5] = [
    "产品经理和设计师",
    "算法与数据科学团队",
    "SRE 与运维同学",
    "海外研发团队",
    "业务方与合作伙伴",
];
const ZH_SCALES: [&str; 5] = ["大规模分布式", "高并发", "高可用", "低延迟", "海量数据"];
const ZH_QUALITIES: [&str; 8] = [
    "具备良好的沟通能力和团队协作精神",
    "对技术有热情，乐于分享",
    "能独立负责复杂模块的设计与交付",
    "有开源项目贡献经验者优先",
    "逻辑清晰，执行力强，结果导向",
    "英语读写熟练，能阅读英文技术文档",
    "对代码质量有追求，重视测试与评审",
    "有 native speaker 水平的英语者加分",
];
const ZH_OFFERS: [&str; 7] = [
    "有竞争力的薪酬与长期激励",
    "弹性工作时间与远程办公的机会",
    "每年的技术大会与培训预算",
    "完善的五险一金与补充医疗保险",
    "开放透明、崇尚技术的工程文化",
    "与业界顶尖工程师共事的机会",
    "清晰的职业发展通道与导师制度",
];

const EN_SYSTEMS: [&str; 14] = [
    "the distributed storage engine",
    "our message queue",
    "the core trading path",
    "the real-time stream processing platform",
    "the recommendation service",
    "the risk decision engine",
    "the container scheduler",
    "the service mesh",
    "the observability stack",
    "the search backend",
    "the payments ledger",
    "the mobile app architecture",
    "the data warehouse",
    "the feature store",
];
const EN_ACTIVITIES: [&str; 8] = [
    "the architecture and core modules",
    "performance and reliability work",
    "capacity planning and cost control",
    "high availability and disaster recovery",
    "the technical roadmap",
    "automated operations",
    "progressive delivery",
    "multi-region rollout",
];
const EN_GOALS: [&str; 8] = [
    "serves millions of requests per second",
    "stays up through our biggest shopping festivals",
    "lets product teams ship faster",
    "keeps P99 latency under ten milliseconds",
    "serves hundreds of millions of users worldwide",
    "cuts our infrastructure bill",
    "fails over between regions in seconds",
    "makes fresh data available within minutes",
];
const EN_PARTNERS: [&str; 4] = [
    "product managers and designers",
    "our data scientists",
    "the SRE team",
    "partner teams",
];
const EN_QUALITIES: [&str; 7] = [
    "You communicate clearly, in writing and in person.",
    "You care about code quality, tests and reviews.",
    "You can own a complex component from design to production.",
    "Open-source contributions are a plus.",
    "You read Chinese technical documents, or want to learn.",
    "You enjoy mentoring and sharing what you learn.",
    "You are pragmatic and focused on results.",
];
const EN_OFFERS: [&str; 6] = [
    "competitive pay and equity",
    "flexible hours and remote days",
    "a yearly conference and learning budget",
    "full health insurance for you and your family",
    "an open engineering culture",
    "relocation support to 杭州 or Singapore",
];

const CODE_LANGS: [&str; 4] = ["rust", "yaml", "go", "sql"];

fn code_sample(lang: &str, rng: &mut Rng) -> String {
    let n = rng.between(2, 64);
    let name = ["orders", "payments", "jobs", "events", "ledger"][rng.below(5)];
    match lang {
        "rust" => format!(
            "use std::collections::HashMap;\n\n/// Counts {name} per shard.\npub fn count_{name}(items: &[(u32, String)]) -> HashMap<u32, usize> {{\n    let mut counts = HashMap::with_capacity({n});\n    for (shard, _) in items {{\n        *counts.entry(*shard).or_insert(0) += 1;\n    }}\n    counts\n}}\n\n#[test]\nfn counts() {{\n    assert_eq!(count_{name}(&[(1, \"a\".into())])[&1], 1);\n}}\n"
        ),
        "yaml" => format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}-service\n  labels:\n    app: {name}\nspec:\n  replicas: {n}\n  selector:\n    matchLabels:\n      app: {name}\n  template:\n    spec:\n      containers:\n        - name: {name}\n          image: registry.example.com/{name}:1.{n}.0\n          resources:\n            limits: {{ cpu: \"2\", memory: 4Gi }}\n"
        ),
        "go" => format!(
            "package {name}\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\n// Retry calls f up to {n} times, backing off between attempts.\nfunc Retry(ctx context.Context, f func() error) error {{\n\tvar err error\n\tfor i := 0; i < {n}; i++ {{\n\t\tif err = f(); err == nil {{\n\t\t\treturn nil\n\t\t}}\n\t\tselect {{\n\t\tcase <-ctx.Done():\n\t\t\treturn ctx.Err()\n\t\tcase <-time.After(time.Duration(i) * 10 * time.Millisecond):\n\t\t}}\n\t}}\n\treturn err\n}}\n"
        ),
        _ => format!(
            "-- The {n} busiest hours of the last week.\nSELECT date_trunc('hour', created_at) AS hour,\n       count(*) AS {name},\n       sum(amount) / 100.0 AS total\nFROM {name}\nWHERE created_at > now() - interval '7 days'\n  AND status IN ('paid', 'settled')\nGROUP BY 1\nORDER BY {name} DESC\nLIMIT {n};\n"
        ),
    }
}

fn zh_sentence(rng: &mut Rng) -> String {
    let system = rng.pick(&ZH_SYSTEMS);
    match rng.below(5) {
        0 => format!(
            "负责{system}的{}，{}。",
            rng.pick(&ZH_ACTIVITIES),
            rng.pick(&ZH_GOALS)
        ),
        1 => {
            let (a, b) = rng.two(&TECH);
            format!(
                "我们的{system}基于 {a} 和 {b} 构建，{}。",
                rng.pick(&ZH_GOALS)
            )
        }
        2 => format!(
            "团队正在推进{system}的{}，目标是{}。",
            rng.pick(&ZH_ACTIVITIES),
            rng.pick(&ZH_GOALS)
        ),
        3 => format!(
            "你将与{}紧密合作，一起打磨{system}，{}。",
            rng.pick(&ZH_PARTNERS),
            rng.pick(&ZH_GOALS)
        ),
        _ => format!(
            "过去一年，{system}完成了{}，{}。",
            rng.pick(&ZH_ACTIVITIES),
            rng.pick(&ZH_GOALS)
        ),
    }
}

fn zh_duty(rng: &mut Rng) -> String {
    let system = rng.pick(&ZH_SYSTEMS);
    match rng.below(4) {
        0 => format!(
            "负责{system}的{}，{}；",
            rng.pick(&ZH_ACTIVITIES),
            rng.pick(&ZH_GOALS)
        ),
        1 => format!(
            "参与{system}的设计与研发，使用 {} 编写高质量、可测试的代码；",
            rng.pick(&TECH)
        ),
        2 => format!("持续优化{system}的性能与成本，{}；", rng.pick(&ZH_GOALS)),
        _ => format!(
            "建设{system}的{}，并沉淀为平台能力；",
            rng.pick(&ZH_ACTIVITIES)
        ),
    }
}

fn zh_requirement(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => {
            let (a, b) = rng.two(&TECH);
            format!(
                "熟悉 {a} 或 {b}，有{}系统的设计开发经验；",
                rng.pick(&ZH_SCALES)
            )
        }
        1 => format!(
            "{} 年以上相关工作经验，{}；",
            rng.between(2, 8),
            rng.pick(&ZH_QUALITIES)
        ),
        2 => format!(
            "深入理解 {} 的原理，对{}有实践经验；",
            rng.pick(&TECH),
            rng.pick(&ZH_ACTIVITIES)
        ),
        _ => format!("{}；", rng.pick(&ZH_QUALITIES)),
    }
}

fn en_sentence(rng: &mut Rng) -> String {
    let system = rng.pick(&EN_SYSTEMS);
    match rng.below(4) {
        0 => format!(
            "You will own {} for {system}, which {}.",
            rng.pick(&EN_ACTIVITIES),
            rng.pick(&EN_GOALS)
        ),
        1 => {
            let (a, b) = rng.two(&TECH);
            format!(
                "{} is built on {a} and {b}, and it {}.",
                capitalise(system),
                rng.pick(&EN_GOALS)
            )
        }
        2 => format!(
            "This year we are reworking {} of {system} so that it {}.",
            rng.pick(&EN_ACTIVITIES),
            rng.pick(&EN_GOALS)
        ),
        _ => format!(
            "You will work closely with {} on {system} in 杭州 and Singapore.",
            rng.pick(&EN_PARTNERS)
        ),
    }
}

fn en_duty(rng: &mut Rng) -> String {
    let system = rng.pick(&EN_SYSTEMS);
    match rng.below(3) {
        0 => format!("Design and build {} of {system}.", rng.pick(&EN_ACTIVITIES)),
        1 => {
            let (a, b) = rng.two(&TECH);
            format!("Write, test and ship production code in {a} and {b}.")
        }
        _ => format!(
            "Improve the performance and cost of {system}, which {}.",
            rng.pick(&EN_GOALS)
        ),
    }
}

fn en_requirement(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => {
            let (a, b) = rng.two(&TECH);
            format!(
                "{}+ years building distributed systems in {a} or {b}.",
                rng.between(2, 8)
            )
        }
        1 => format!(
            "Deep knowledge of {} internals and {}.",
            rng.pick(&TECH),
            rng.pick(&EN_ACTIVITIES)
        ),
        _ => rng.pick(&EN_QUALITIES).to_string(),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn quoted_list(items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", items.join(", "))
}

/// One posting: its path under the site root, its text, and whether it is open, closed, a draft.
struct Generated {
    path: String,
    text: String,
    state: State,
    code: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Open,
    Closed,
    Draft,
}

fn posting(spec: &Spec, index: usize) -> Generated {
    let mut rng = Rng::new(spec.seed ^ (index as u64).wrapping_mul(0xd1b5_4a32_d192_ed03));
    let english = rng.chance(250);
    let team = rng.below(TEAMS.len());
    let (team_id, team_name, _) = TEAMS[team];
    let title = if english {
        format!(
            "{}{} {}",
            rng.pick(&EN_PREFIXES),
            rng.pick(&EN_DOMAINS),
            rng.pick(&EN_ROLES)
        )
    } else {
        format!(
            "{}{}{}",
            rng.pick(&ZH_PREFIXES),
            rng.pick(&ZH_DOMAINS),
            rng.pick(&ZH_ROLES)
        )
    };
    let draft = rng.chance(4);
    // Most postings close in the future, about one in nine has closed, a few never close.
    let (date, valid_through, closed) = if rng.chance(80) {
        (
            spec.today - Days::new(rng.between(0, 150) as u64),
            None,
            false,
        )
    } else if rng.chance(110) {
        let through = spec.today - Days::new(rng.between(1, 180) as u64);
        (
            through - Days::new(rng.between(30, 120) as u64),
            Some(through),
            true,
        )
    } else {
        let through = spec.today + Days::new(rng.between(0, 240) as u64);
        (
            spec.today - Days::new(rng.between(0, 150) as u64),
            Some(through),
            false,
        )
    };
    let state = if draft {
        State::Draft
    } else if closed {
        State::Closed
    } else {
        State::Open
    };

    let mut front = String::with_capacity(600);
    let _ = writeln!(front, "+++\ntitle = {}", quoted(&title));
    let team_ref = if rng.chance(150) { team_name } else { team_id };
    let _ = writeln!(front, "team = {}", quoted(team_ref));
    if rng.chance(50) {
        let _ = writeln!(front, "date = {}T09:30:00+08:00", date.format("%Y-%m-%d"));
    } else {
        let _ = writeln!(front, "date = {}", date.format("%Y-%m-%d"));
    }
    if let Some(through) = valid_through {
        let _ = writeln!(front, "valid_through = {}", through.format("%Y-%m-%d"));
    }
    let mut locations: Vec<&str> = Vec::new();
    for _ in 0..rng.between(1, 3) {
        // Earlier locations are more popular.
        let popular = rng.between(1, LOCATIONS.len());
        let l = LOCATIONS[rng.below(popular)];
        if !locations.contains(&l) {
            locations.push(l);
        }
    }
    let _ = writeln!(front, "locations = {}", quoted_list(&locations));
    if rng.chance(150) {
        front.push_str("remote = true\n");
    }
    let level = if english {
        rng.pick(&EN_LEVELS)
    } else {
        rng.pick(&ZH_LEVELS)
    };
    let _ = writeln!(front, "level = {}", quoted(level));
    let employment = match rng.below(100) {
        0..=84 => "FULL_TIME",
        85..=91 => "INTERN",
        92..=95 => "CONTRACTOR",
        _ => "PART_TIME",
    };
    let _ = writeln!(front, "employment_type = \"{employment}\"");
    if rng.chance(700) {
        let _ = writeln!(front, "apply = \"{team_id}-jobs@example.com\"");
    } else {
        let _ = writeln!(front, "apply = \"https://jobs.example.com/apply/{index}\"");
    }
    let n = rng.between(2, 4);
    let tags = rng.pick_distinct(n, &TAGS);
    let _ = writeln!(front, "tags = {}", quoted_list(&tags));
    if rng.chance(400) {
        let summary = if english {
            en_sentence(&mut rng)
        } else {
            zh_sentence(&mut rng)
        };
        let _ = writeln!(front, "summary = {}", quoted(&summary));
    }
    if english {
        front.push_str("lang = \"en\"\n");
    }
    if draft {
        front.push_str("draft = true\n");
    }
    if rng.chance(300) {
        let min = rng.between(15, 60) * 1000;
        let _ = writeln!(
            front,
            "\n[salary]\nmin = {min}\nmax = {}\ncurrency = \"CNY\"\nunit = \"MONTH\"",
            min + rng.between(5, 30) * 1000
        );
    }
    front.push_str("+++\n\n");

    let code = rng.chance(100);
    let body = if english {
        en_body(&mut rng, code, &locations)
    } else {
        zh_body(&mut rng, code, &locations)
    };
    let slug_part: String = if english {
        title.to_lowercase().replace(' ', "-")
    } else {
        format!("zh-{}", rng.below(1000))
    };
    Generated {
        path: format!("content/jobs/{team_id}/{index:06}-{slug_part}.md"),
        text: front + &body,
        state,
        code,
    }
}

fn zh_body(rng: &mut Rng, code: bool, locations: &[&str]) -> String {
    let mut out = String::with_capacity(3200);
    let intro: Vec<String> = (0..rng.between(5, 7)).map(|_| zh_sentence(rng)).collect();
    out.push_str(&intro.join(""));
    out.push_str("\n\n## 关于团队\n\n");
    let about: Vec<String> = (0..rng.between(3, 5)).map(|_| zh_sentence(rng)).collect();
    out.push_str(&about.join("\n"));
    out.push_str("\n\n## 职位描述\n\n");
    for _ in 0..rng.between(6, 8) {
        let _ = writeln!(out, "- {}", zh_duty(rng));
    }
    out.push_str("\n## 任职要求\n\n");
    for _ in 0..rng.between(6, 8) {
        let _ = writeln!(out, "- {}", zh_requirement(rng));
    }
    if rng.chance(500) {
        out.push_str("\n## 加分项\n\n");
        let _ = writeln!(out, "{}{}。", zh_sentence(rng), rng.pick(&ZH_QUALITIES));
    }
    if code {
        let lang = rng.pick(&CODE_LANGS);
        out.push_str("\n## 代码示例\n\n下面是我们日常工作中的一段代码，面试时我们会围绕类似的问题展开讨论：\n\n");
        let _ = write!(out, "```{lang}\n{}```\n", code_sample(lang, rng));
    }
    out.push_str("\n## 我们提供\n\n");
    let n = rng.between(3, 4);
    let offers = rng.pick_distinct(n, &ZH_OFFERS);
    let _ = writeln!(
        out,
        "{}。工作地点：{}。\n欢迎将简历与 **GitHub** 或个人博客链接发送给我们，我们会在五个工作日内回复。",
        offers.join("，"),
        locations.join("、")
    );
    out
}

fn en_body(rng: &mut Rng, code: bool, locations: &[&str]) -> String {
    let mut out = String::with_capacity(3200);
    let intro: Vec<String> = (0..rng.between(5, 7)).map(|_| en_sentence(rng)).collect();
    out.push_str(&intro.join(" "));
    out.push_str("\n\n## About the team\n\n");
    let about: Vec<String> = (0..rng.between(3, 5)).map(|_| en_sentence(rng)).collect();
    out.push_str(&about.join("\n"));
    out.push_str("\n\n## What you will do\n\n");
    for _ in 0..rng.between(6, 8) {
        let _ = writeln!(out, "- {}", en_duty(rng));
    }
    out.push_str("\n## What we look for\n\n");
    for _ in 0..rng.between(6, 8) {
        let _ = writeln!(out, "- {}", en_requirement(rng));
    }
    if rng.chance(500) {
        out.push_str("\n## Nice to have\n\n");
        let _ = writeln!(
            out,
            "{} Some Chinese (中文) helps in daily work with our 杭州 team.",
            en_sentence(rng)
        );
    }
    if code {
        let lang = rng.pick(&CODE_LANGS);
        out.push_str("\n## A taste of the code\n\nHere is the kind of code you would read and review in your first week:\n\n");
        let _ = write!(out, "```{lang}\n{}```\n", code_sample(lang, rng));
    }
    out.push_str("\n## What we offer\n\n");
    let n = rng.between(3, 4);
    let offers = rng.pick_distinct(n, &EN_OFFERS);
    let _ = writeln!(
        out,
        "We offer {}. You will be based in {} (工作地点：{}).\nSend us your resume and a link to your *GitHub* profile; we reply within five working days.",
        offers.join(", "),
        locations.join(" or "),
        locations.join("、")
    );
    out
}

fn team_file(index: usize, rng: &mut Rng) -> (String, String) {
    let (id, name, summary) = TEAMS[index];
    let mut text = format!(
        "+++\nname = {}\norder = {}\nsummary = {}\n",
        quoted(name),
        index + 1,
        quoted(summary)
    );
    if index % 2 == 0 {
        let _ = writeln!(text, "contact = \"{id}-hr@example.com\"");
    }
    text.push_str("+++\n\n");
    for _ in 0..2 {
        let sentences: Vec<String> = (0..4).map(|_| zh_sentence(rng)).collect();
        let _ = writeln!(text, "{}\n", sentences.join(""));
    }
    (format!("content/teams/{id}.md"), text)
}

const RESUMES: [(&str, &str, &str, &str); 3] = [
    ("zhang-wei", "张伟", "分布式存储工程师", "杭州市"),
    ("li-na", "李娜", "前端技术专家", "上海市"),
    (
        "chen-jie",
        "Chen Jie",
        "Site Reliability Engineer",
        "Singapore",
    ),
];

fn resume_file(index: usize, rng: &mut Rng) -> (String, String) {
    let (id, name, label, city) = RESUMES[index];
    let mut text = format!(
        "+++\nname = {}\nlabel = {}\nemail = \"{id}@example.com\"\nphone = \"+86 138 0000 000{index}\"\nlocation = {}\nsummary = {}\nhide = [\"phone\"]\n",
        quoted(name),
        quoted(label),
        quoted(city),
        quoted(&zh_sentence(rng))
    );
    for (company, start, end) in [
        ("示例科技", "2021-07", "present"),
        ("Example Corp", "2018-07", "2021-06"),
    ] {
        let _ = writeln!(
            text,
            "\n[[work]]\nname = {}\nposition = {}\nstart = \"{start}\"\nend = \"{end}\"\nsummary = {}\nhighlights = [{}, {}]",
            quoted(company),
            quoted(label),
            quoted(&zh_sentence(rng)),
            quoted(&zh_duty(rng)),
            quoted(&zh_duty(rng))
        );
    }
    text.push_str("\n[[education]]\ninstitution = \"示例大学\"\narea = \"计算机科学与技术\"\nstudy_type = \"本科\"\nstart = \"2014-09\"\nend = \"2018-06\"\n");
    let _ = writeln!(
        text,
        "\n[[skills]]\nname = \"Backend\"\nkeywords = {}",
        quoted_list(&rng.pick_distinct(3, &TECH))
    );
    text.push_str("+++\n\n");
    let _ = writeln!(text, "{}{}", zh_sentence(rng), zh_sentence(rng));
    (format!("content/resumes/{id}.md"), text)
}

const CONFIG: &str = r#"title = "诚聘英才"
base_url = "https://careers.example.com/jobs/"
language = "zh"
theme = "default"
description = "示例科技的全部在招职位：基础架构、存储、数据库、支付、风控、搜索推荐、机器学习、客户端与前端。"
home = "careers"

[organization]
name = "示例科技"
url = "https://example.com/"
logo = "https://example.com/logo.png"
country = "CN"

[markdown]
highlight_code = true
highlight_theme = "InspiredGitHub"

[slugs]
mode = "unicode"
"#;

const HOME: &str = "+++\ntitle = \"加入我们\"\n+++\n\n欢迎加入示例科技！这里汇集了各技术团队正在招聘的职位。你可以按团队、城市和职级筛选，\n找到感兴趣的职位后，通过职位页面上的联系方式投递简历。We hire in English too.\n";

/// Generates the site, handing each file (path relative to the site root, text) to `sink`.
pub fn generate(
    spec: &Spec,
    mut sink: impl FnMut(&str, &str) -> io::Result<()>,
) -> io::Result<Summary> {
    let mut summary = Summary {
        teams: TEAMS.len(),
        locations: LOCATIONS.len(),
        resumes: RESUMES.len(),
        ..Summary::default()
    };
    let mut emit = |path: &str, text: &str, summary: &mut Summary| {
        summary.bytes += text.len();
        sink(path, text)
    };
    emit("config.toml", CONFIG, &mut summary)?;
    emit("content/_index.md", HOME, &mut summary)?;
    let mut rng = Rng::new(spec.seed);
    for i in 0..TEAMS.len() {
        let (path, text) = team_file(i, &mut rng);
        emit(&path, &text, &mut summary)?;
    }
    for i in 0..RESUMES.len() {
        let (path, text) = resume_file(i, &mut rng);
        emit(&path, &text, &mut summary)?;
    }
    for i in 0..spec.postings {
        let p = posting(spec, i);
        summary.postings += 1;
        match p.state {
            State::Open => summary.open += 1,
            State::Closed => summary.closed += 1,
            State::Draft => summary.drafts += 1,
        }
        summary.code_blocks += usize::from(p.code);
        emit(&p.path, &p.text, &mut summary)?;
    }
    Ok(summary)
}

/// Generates the site into `dir` (which should not hold a site yet).
pub fn write(spec: &Spec, dir: &Path) -> io::Result<Summary> {
    generate(spec, |relative, text| {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(postings: usize) -> Spec {
        Spec {
            postings,
            seed: 7,
            today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        }
    }

    fn files(spec: &Spec) -> Vec<(String, String)> {
        let mut out = Vec::new();
        generate(spec, |p, t| {
            out.push((p.to_string(), t.to_string()));
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn same_seed_same_files() {
        assert_eq!(files(&spec(50)), files(&spec(50)));
        let other = Spec {
            seed: 8,
            ..spec(50)
        };
        assert_ne!(files(&spec(50)), files(&other));
    }

    #[test]
    fn postings_parse_and_are_about_three_kilobytes() {
        let spec = spec(400);
        let all = files(&spec);
        let postings: Vec<&(String, String)> = all
            .iter()
            .filter(|(p, _)| p.starts_with("content/jobs/"))
            .collect();
        assert_eq!(postings.len(), 400);
        let average = postings.iter().map(|(_, t)| t.len()).sum::<usize>() / postings.len();
        eprintln!("average posting: {average} bytes");
        assert!(
            (2700..=3600).contains(&average),
            "average posting is {average} bytes"
        );
        for (path, text) in all.iter().filter(|(p, _)| p.starts_with("content/")) {
            let item = yingcai::content::classify(Path::new(path))
                .map(|kind| yingcai::content::parse(kind, Path::new(path), text))
                .unwrap_or_else(|| panic!("{path} is not content"));
            assert!(item.is_ok(), "{path}: {:?}", item.err());
        }
        let summary = generate(&spec, |_, _| Ok(())).unwrap();
        assert_eq!(summary.open + summary.closed + summary.drafts, 400);
        assert!(summary.closed > 10 && summary.open > 300, "{summary:?}");
        assert!(
            summary.code_blocks > 10 && summary.code_blocks < 80,
            "{summary:?}"
        );
    }
}
