//! `yingcai init`: a starter site that builds at once. Existing files are never touched.

use std::path::{Path, PathBuf};

/// What kind of site to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StarterKind {
    Careers,
    Resume,
}

const CAREERS_CONFIG: &str = r#"title = "诚聘英才"
base_url = "https://example.com/careers/"
language = "zh"
theme = "default"
description = "加入我们：在招职位、团队介绍与投递方式。"
home = "careers"

[organization]
name = "示例科技"
url = "https://example.com/"
country = "CN"
# Where postings without `locations` (and not `remote`) take place, for search engines.
address = { locality = "杭州市", region = "浙江省" }

[markdown]
highlight_code = true
highlight_theme = "InspiredGitHub"

[slugs]
mode = "unicode"
"#;

const CAREERS_HOME: &str = r#"+++
title = "诚聘英才"
+++

欢迎加入我们！下面是各团队正在招聘的职位，可按团队、城市和职级筛选。
"#;

const CAREERS_TEAM: &str = r#"+++
name = "基础架构团队"
order = 1
summary = "建设公司的分布式基础设施：存储、消息与服务治理。"
contact = "infra-jobs@example.com"
+++

我们负责支撑全部业务的基础设施，追求高可用、高性能与良好的研发体验。
"#;

const CAREERS_POSTING: &str = r#"+++
title = "分布式存储研发工程师"
team = "infra"
date = OPENED
valid_through = CLOSES
locations = ["杭州市", "北京市"]
level = "P6~P7"
employment_type = "FULL_TIME"
apply = "infra-jobs@example.com"
tags = ["Rust", "分布式存储"]
summary = "设计与实现高可用的分布式存储系统。"
+++

## 职位描述

- 参与分布式存储引擎的设计与研发；
- 持续优化系统的性能、稳定性与可运维性。

## 岗位要求

- 熟悉 Rust、Go 或 C++ 中的至少一门语言；
- 对一致性协议（Raft、Paxos）有深入理解者优先。
"#;

const CAREERS_POSTING_EN: &str = r#"+++
title = "Site Reliability Engineer"
team = "infra"
date = OPENED
valid_through = CLOSES
locations = ["上海市"]
remote = true
employment_type = "FULL_TIME"
apply = "https://example.com/apply/sre"
lang = "en"
summary = "Keep our platform fast and reliable, anywhere in China."

[salary]
min = 30000
max = 50000
currency = "CNY"
unit = "MONTH"
+++

## What you will do

- Own the reliability of our core services.
- Automate everything that is done twice.
"#;

const RESUME_CONFIG: &str = r#"title = "张三的简历"
base_url = "https://example.github.io/"
language = "zh"
theme = "default"
description = "张三：后端工程师，个人简历。"
home = "resume"
"#;

const RESUME: &str = r#"+++
name = "张三"
label = "后端工程师"
email = "zhangsan@example.com"
phone = "+86 138 0000 0000"
location = "杭州市"
summary = "五年后端开发经验，熟悉分布式系统与高并发服务。"
hide = ["phone"]

[[profiles]]
network = "GitHub"
username = "zhangsan"
url = "https://github.com/zhangsan"

[[work]]
name = "示例科技"
position = "高级后端工程师"
start = "2021-07"
summary = "负责交易系统的设计与研发。"
highlights = ["主导订单服务重构，接口延迟降低 40%。", "建设全链路监控与告警体系。"]

[[education]]
institution = "示例大学"
area = "计算机科学与技术"
study_type = "本科"
start = "2014-09"
end = "2018-06"

[[skills]]
name = "后端"
keywords = ["Java", "Go", "MySQL", "Redis"]
+++

## 自我评价

乐于沟通，重视代码质量与工程效率。
"#;

/// The built site and the build's bookkeeping are made, not written: not for git.
const GITIGNORE: &str = "/public/\n/.yingcai/\n";

/// How long the starter's postings stay open after the day the site is written.
const OPEN_DAYS: i64 = 180;

/// The files of a starter site written on `today`, relative to its folder: its postings
/// open that day and stay open for [`OPEN_DAYS`] days.
pub fn starter_files(kind: StarterKind, today: chrono::NaiveDate) -> Vec<(&'static str, String)> {
    let closes = today + chrono::Duration::days(OPEN_DAYS);
    let dated = |text: &str| {
        text.replace("OPENED", &today.format("%Y-%m-%d").to_string())
            .replace("CLOSES", &closes.format("%Y-%m-%d").to_string())
    };
    let files: Vec<(&'static str, &'static str)> = match kind {
        StarterKind::Careers => vec![
            ("config.toml", CAREERS_CONFIG),
            ("content/_index.md", CAREERS_HOME),
            ("content/teams/infra.md", CAREERS_TEAM),
            (
                "content/jobs/infra/distributed-storage-engineer.md",
                CAREERS_POSTING,
            ),
            (
                "content/jobs/infra/site-reliability-engineer.md",
                CAREERS_POSTING_EN,
            ),
            ("static/.gitkeep", ""),
            (".gitignore", GITIGNORE),
        ],
        StarterKind::Resume => vec![
            ("config.toml", RESUME_CONFIG),
            ("content/resumes/zhangsan.md", RESUME),
            ("static/.gitkeep", ""),
            (".gitignore", GITIGNORE),
        ],
    };
    files
        .into_iter()
        .map(|(path, text)| (path, dated(text)))
        .collect()
}

/// Writes a starter site into `dir`. Refuses a folder that already has a `config.toml`;
/// any other existing file is left as it is. Returns the files written.
pub fn init(
    dir: &Path,
    kind: StarterKind,
    today: chrono::NaiveDate,
) -> Result<Vec<PathBuf>, String> {
    if dir.join("config.toml").exists() {
        return Err(format!(
            "{} already has a config.toml: not touching it",
            dir.display()
        ));
    }
    let mut written = Vec::new();
    for (relative, text) in starter_files(kind, today) {
        let path = dir.join(relative);
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(PathBuf::from(relative));
    }
    Ok(written)
}
