#!/usr/bin/env bash
# Search benchmark: generates a synthetic careers site (examples/gen_corpus.rs), builds it with
# the release binary and prints what the search index costs and gives:
#
#   benches/search.sh              # 10,000 postings
#   benches/search.sh 1000         # another size
#
# - index build time: the `search index` line of `build --timings` (the best of RUNS builds,
#   default 3; the index is built alongside the listings there, sharing the cores), next to the
#   whole build's wall time; and the index built on its own (examples/search_index.rs): the
#   fastest of RUNS on all cores, and once on one core (its CPU time);
# - the index's size: files, bytes, and bytes gzip (-6, file by file);
# - in headless Chromium (chromium + chromedriver, examples/search_browser.rs), on the home page
#   served as static files under its sub-path: for each query, typed into a fresh page, the
#   time from the first keystroke to the results on screen (this loads search.js and the
#   index), the same query again once loaded, and the search files that first query fetched,
#   raw and gzip.
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-10000}
runs=${RUNS:-3}
dir=${BENCH_DIR:-target/bench-search}
today=2026-11-22
export SOURCE_DATE_EPOCH=1795348800

cargo build --release --quiet --bin yingcai --example gen_corpus --example search_browser --example search_index
bin=$PWD/target/release/yingcai
gen=$PWD/target/release/examples/gen_corpus
browse=$PWD/target/release/examples/search_browser
alone=$PWD/target/release/examples/search_index
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
site=$dir/site-$n
if [ ! -f "$site/config.toml" ]; then
  "$gen" --postings "$n" --seed 1 --today "$today" --out "$site" >&2
fi

best_search=""
best_wall=""
for run in $(seq 1 "$runs"); do
  out=$dir/serve/careers
  rm -rf "$dir/serve"
  mkdir -p "$dir/serve"
  start=$(date +%s.%N)
  "$bin" build --root "$site" --output "$out" --base-url http://127.0.0.1/careers/ --timings > "$dir/timings.txt"
  end=$(date +%s.%N)
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  ms=$(sed -n 's/^ *search index *\([0-9.]*\) ms.*/\1/p' "$dir/timings.txt")
  echo "  run $run: build ${wall} s, search index ${ms} ms" >&2
  if [ -z "$best_search" ] || awk -v a="$ms" -v b="$best_search" 'BEGIN { exit !(a < b) }'; then
    best_search=$ms
    best_wall=$wall
  fi
done

# The index built on its own, the rest of the build done: what it adds to a build's wall time
# on all cores, and its CPU time on one.
index_alone=$("$alone" "$site" "$runs")
files=$(find "$out/search" -type f | wc -l)
raw=$(find "$out/search" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
gz=0
while IFS= read -r f; do
  gz=$((gz + $(gzip -6 -c "$f" | wc -c)))
done < <(find "$out/search" -type f)
shards=$(find "$out/search/t" -type f | wc -l)
chunks=$(find "$out/search/d" -type f | wc -l)
meta_gz=$(gzip -6 -c "$out/search/meta.json" | wc -c)
facets_gz=$(gzip -6 -c "$out/search/facets.json" | wc -c)
largest=$(find "$out/search/t" -type f -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2)
largest_gz=$(gzip -6 -c "$largest" | wc -c)

echo
echo "## Search at $n postings"
echo
echo "| build (wall, whole site) | search index build | index files | index size | index size gzip | term shards | card chunks | meta.json gzip | facets.json gzip | largest shard gzip |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
echo "| $best_wall s | $best_search ms (alone: $(echo "$index_alone" | sed -n 's/^search index alone: \([0-9.]*\) ms on \([0-9]*\) threads.*, \([0-9.]*\) ms on one thread.*/\1 ms on \2 cores, \3 ms on one/p')) | $files | $(awk -v b="$raw" 'BEGIN { printf "%.1f MB", b / 1048576 }') | $(awk -v b="$gz" 'BEGIN { printf "%.1f MB", b / 1048576 }') | $shards | $chunks | $(awk -v b="$meta_gz" 'BEGIN { printf "%.1f KB", b / 1024 }') | $(awk -v b="$facets_gz" 'BEGIN { printf "%.1f KB", b / 1024 }') | $(awk -v b="$largest_gz" 'BEGIN { printf "%.1f KB", b / 1024 }') |"
echo

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "(no chromium/chromedriver: browser figures skipped)"
  exit 0
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Served as a static host serves it: nginx with gzip and keep-alive when it is installed
# (`apt-get install -y nginx-light`), else Python's http.server (HTTP/1.0, no compression:
# every file a new connection, so the times come out higher).
if command -v nginx > /dev/null || [ -x /usr/sbin/nginx ]; then
  server_name="nginx (gzip, HTTP/1.1 keep-alive)"
  conf=$dir/nginx
  mkdir -p "$conf"
  cat > "$conf/nginx.conf" <<NGINX
daemon off;
worker_processes 1;
pid $conf/nginx.pid;
error_log $conf/error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  gzip on;
  gzip_types application/json application/javascript text/css;
  client_body_temp_path $conf; proxy_temp_path $conf; fastcgi_temp_path $conf;
  uwsgi_temp_path $conf; scgi_temp_path $conf;
  server { listen 127.0.0.1:$port; root $dir/serve; }
}
NGINX
  "$(command -v nginx || echo /usr/sbin/nginx)" -c "$conf/nginx.conf" &
else
  server_name="python3 -m http.server (HTTP/1.0, no gzip)"
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dir/serve" > /dev/null 2>&1 &
fi
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$port/careers/" > /dev/null && break
  sleep 0.1
done
echo "Served by $server_name; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$browse" "http://127.0.0.1:$port/careers/" "$out" Java Kafka Golang Go 分布式存储 "Rust 杭州" 消息队列 Kube
