#!/usr/bin/env bash
# Writes a Hugo site that builds the same content as a generated yingcai site, for
# benches/build.sh to time Hugo against yingcai in the same run:
#
#   benches/hugo-site.sh SITE OUT     # SITE: a folder made by examples/gen_corpus.rs
#
# The Hugo site reads SITE/content as it is (TOML front matter) and makes the same kinds of
# pages: one per posting (facts, body with highlighted code, tags, apply link), the home page
# with every posting's card grouped by team, a page per team and per location listing their
# cards, the team and location indexes, one RSS feed (the home page's) and a sitemap. A card is rendered once
# per posting (`partialCached`), as yingcai does. Resumes are left out (Hugo has no resume
# pages to compare with).
set -euo pipefail
site=$(cd "$1" && pwd)
out=$2
mkdir -p "$out/layouts/_default" "$out/layouts/partials"

title=$(sed -n 's/^title = "\(.*\)"$/\1/p' "$site/config.toml" | head -1)
base=$(sed -n 's/^base_url = "\(.*\)"$/\1/p' "$site/config.toml" | head -1)

cat > "$out/hugo.toml" <<EOF
baseURL = "$base"
title = "$title"
languageCode = "zh-CN"
contentDir = "$site/content"
ignoreFiles = ["/resumes/"]
buildFuture = true
disableKinds = ["404"]
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
[taxonomies]
  team = "team"
  location = "locations"
[markup.highlight]
  noClasses = false
[markup.goldmark.renderer]
  unsafe = false
EOF

cat > "$out/layouts/_default/baseof.html" <<'EOF'
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} · {{ .Site.Title }}{{ end }}</title>
{{- with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | relURL }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body class="page-{{ .Kind }}">
<header class="site-header"><a class="brand" href="{{ "" | relURL }}">{{ .Site.Title }}</a>
<nav><ul><li><a href="{{ "" | relURL }}">职位</a></li><li><a href="{{ "team/" | relURL }}">团队</a></li><li><a href="{{ "locations/" | relURL }}">地点</a></li></ul></nav>
</header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer class="site-footer"><p>{{ .Site.Title }}</p><a href="{{ "index.xml" | relURL }}">RSS</a></footer>
</body>
</html>
EOF

cat > "$out/layouts/partials/card.html" <<'EOF'
<li class="card" data-card data-team="{{ .Params.team }}" data-locations="{{ delimit (.Params.locations | default slice) " " }}" data-level="{{ .Params.level }}" data-type="{{ .Params.employment_type }}">
  <h3 class="card-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
  <ul class="card-meta">
    <li class="card-team">{{ .Params.team }}</li>
    {{- with .Params.locations }}<li class="card-places">{{ delimit . "、" }}</li>{{ end }}
    {{- with .Params.level }}<li class="card-level">{{ . }}</li>{{ end }}
  </ul>
  <p class="card-summary">{{ .Summary | plainify | truncate 120 }}</p>
  <time class="card-date" datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time>
</li>
EOF

cat > "$out/layouts/_default/single.html" <<'EOF'
{{ define "main" }}
<div class="posting">
  <nav class="breadcrumb"><a href="{{ "" | relURL }}">职位</a> / {{ with .Params.team }}<a href="{{ printf "team/%s/" (. | urlize) | relURL }}">{{ . }}</a>{{ end }}</nav>
  <h1 class="posting-title">{{ .Title }}</h1>
  <dl class="facts">
    <div><dt>团队</dt><dd>{{ .Params.team }}</dd></div>
    {{- with .Params.locations }}<div><dt>地点</dt><dd>{{ range $i, $l := . }}{{ if $i }}、{{ end }}<a href="{{ printf "locations/%s/" ($l | urlize) | relURL }}">{{ $l }}</a>{{ end }}</dd></div>{{ end }}
    {{- with .Params.level }}<div><dt>职级</dt><dd>{{ . }}</dd></div>{{ end }}
    <div><dt>发布</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time></dd></div>
  </dl>
  {{- with .Params.apply }}<a class="button" href="mailto:{{ . }}?subject={{ printf "应聘：%s" $.Title | urlquery }}">立即申请</a>{{ end }}
  <article class="prose">{{ .Content }}</article>
  {{- with .Params.tags }}<ul class="chips">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
</div>
{{ end }}
EOF

cat > "$out/layouts/_default/list.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="cards" role="list">
{{- range (where .Pages "Section" "jobs") }}
{{ partialCached "card.html" . .RelPermalink }}
{{- end }}
</ul>
{{ end }}
EOF

cat > "$out/layouts/_default/terms.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="tiles">
{{- range .Data.Terms.Alphabetical }}
<li class="tile"><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span>{{ .Count }} 个职位</span></li>
{{- end }}
</ul>
{{ end }}
EOF

cat > "$out/layouts/index.html" <<'EOF'
{{ define "main" }}
<section class="hero"><h1>{{ .Title }}</h1>{{ .Content }}</section>
{{- $jobs := where .Site.RegularPages "Section" "jobs" }}
<p>{{ len $jobs }} 个职位</p>
{{- range $jobs.GroupByParam "team" }}
<section class="group"><h2><a href="{{ printf "team/%s/" (.Key | urlize) | relURL }}">{{ .Key }}</a></h2>
<ul class="cards" role="list">
{{- range .Pages }}
{{ partialCached "card.html" . .RelPermalink }}
{{- end }}
</ul>
</section>
{{- end }}
{{ end }}
EOF
