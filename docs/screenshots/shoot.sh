#!/bin/sh
# Makes the screenshots in docs/screenshots/ from the example site: home, a posting and a
# resume, at 1280×800 and 390×844, light and dark (first screen of each).
# Usage: docs/screenshots/shoot.sh   (from the repository root; needs chromium)
set -eu
chromium=${YINGCAI_CHROMIUM:-/usr/bin/chromium}
out=docs/screenshots
tmp=$(mktemp -d)
port=${PORT:-8473}
cargo build --quiet
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date +%s)} ./target/debug/yingcai build --output "$tmp/careers" >/dev/null
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp" >/dev/null 2>&1 &
server=$!
trap 'kill $server; rm -rf "$tmp"' EXIT
sleep 1
shot() { # name path width height [dark]
  flags=""
  [ "${5:-}" = dark ] && flags="--force-dark-mode --blink-settings=preferredColorScheme=0"
  # shellcheck disable=SC2086
  "$chromium" --headless=new --no-sandbox --disable-gpu --disable-background-networking \
    --hide-scrollbars $flags --window-size="$3,$4" --virtual-time-budget=3000 \
    --screenshot="$out/$1.png" "http://127.0.0.1:$port/careers/$2" 2>/dev/null
}
for page in "home:" "posting:jobs/chief-software-architect/" "resume:resumes/lin-yuan/"; do
  name=${page%%:*}
  path=${page#*:}
  shot "$name-1280" "$path" 1280 800
  shot "$name-390" "$path" 390 844
  shot "$name-dark-1280" "$path" 1280 800 dark
  shot "$name-dark-390" "$path" 390 844 dark
done
echo "screenshots written to $out/"
