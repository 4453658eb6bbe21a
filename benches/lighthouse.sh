#!/bin/sh
# Lighthouse (mobile preset) on the example site's home page, an English posting and a
# resume: prints the four category scores of each. Installs the npm package `lighthouse`
# into ~/.cache/yingcai-tools if it is missing; uses the machine's Chromium.
# Usage: benches/lighthouse.sh   (from the repository root)
set -eu
tools=${YINGCAI_TOOLS:-$HOME/.cache/yingcai-tools}
lh=$tools/node_modules/.bin/lighthouse
if [ ! -x "$lh" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund lighthouse >/dev/null
fi
export CHROME_PATH=${YINGCAI_CHROMIUM:-/usr/bin/chromium}
tmp=$(mktemp -d)
port=${PORT:-8474}
cargo build --release --quiet
./target/release/yingcai build --output "$tmp/careers" >/dev/null
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp" >/dev/null 2>&1 &
server=$!
trap 'kill $server; rm -rf "$tmp"' EXIT
sleep 1
printf '%-44s %11s %13s %14s %4s\n' page performance accessibility best-practices seo
for page in "" "jobs/chief-software-architect/" "resumes/lin-yuan/"; do
  "$lh" "http://127.0.0.1:$port/careers/$page" --quiet --form-factor=mobile --output=json \
    --output-path="$tmp/report.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking" \
    >/dev/null 2>&1
  python3 - "$tmp/report.json" "/careers/$page" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["categories"]
s = [round(c[k]["score"] * 100) for k in ("performance", "accessibility", "best-practices", "seo")]
print("%-44s %11d %13d %14d %4d" % (sys.argv[2], *s))
for k in ("performance", "accessibility", "best-practices", "seo"):
    for ref in c[k]["auditRefs"]:
        a = r["audits"][ref["id"]]
        if ref["weight"] and a["score"] is not None and a["score"] < 1:
            print("    %s: %s (%s)" % (k, a["title"], a["score"]))
PY
done
