#!/usr/bin/env bash
# Page-weight benchmark: generates synthetic careers sites (examples/gen_corpus.rs), builds each
# with the release binary (default `paginate_by`), and prints how heavy the listing pages are,
# raw and gzip (-6, as a web server would send them):
#
#   benches/pages.sh                  # 10,000 and 100,000 postings
#   benches/pages.sh 1000             # another size
#
# For each size: the home page, the largest page of any team listing and of any location
# listing (page 1 or a later one), the largest listing page of all, and how many listing pages
# there are. The target: every listing page under 100 KB gzip, whatever the size of the site.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
dir=${BENCH_DIR:-target/bench-pages}
today=2026-11-22
export SOURCE_DATE_EPOCH=1795348800

cargo build --release --quiet --bin yingcai --example gen_corpus
bin=$PWD/target/release/yingcai
gen=$PWD/target/release/examples/gen_corpus
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
gz() { gzip -6 -c "$1" | wc -c; }

# The largest of the files listed on stdin, by gzip size: "gzip raw path".
largest() {
  local best=0 best_raw=0 best_path=""
  while IFS= read -r f; do
    local g
    g=$(gz "$f")
    if [ "$g" -gt "$best" ]; then
      best=$g
      best_raw=$(wc -c < "$f")
      best_path=$f
    fi
  done
  echo "$best $best_raw $best_path"
}

echo "| postings | page | file | raw | gzip |"
echo "| ---: | --- | --- | ---: | ---: |"
for n in "${sizes[@]}"; do
  site=$dir/site-$n
  if [ ! -f "$site/config.toml" ]; then
    "$gen" --postings "$n" --seed 1 --today "$today" --out "$site" >&2
  fi
  out=$dir/out-$n
  rm -rf "$out"
  "$bin" build --root "$site" --output "$out" >&2
  home=$out/index.html
  row() { # label gzip raw path
    echo "| $n | $1 | ${4#"$out"/} | $(kb "$3") | $(kb "$2") |"
  }
  row "home" "$(gz "$home")" "$(wc -c < "$home")" "$home"
  read -r g r p < <(find "$out/page" -name index.html 2>/dev/null | largest)
  [ -n "$p" ] && row "largest later home page" "$g" "$r" "$p"
  read -r g r p < <(find "$out/teams" -mindepth 2 -name index.html | largest)
  row "largest team page" "$g" "$r" "$p"
  read -r g r p < <(find "$out/locations" -mindepth 2 -name index.html | largest)
  row "largest location page" "$g" "$r" "$p"
  pages=$( (echo "$home"; find "$out/page" "$out/teams" "$out/locations" -mindepth 2 -name index.html 2>/dev/null) | wc -l)
  echo "  $n postings: $pages listing pages (home, teams, locations, with their later pages)" >&2
done
