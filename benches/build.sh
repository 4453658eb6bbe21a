#!/usr/bin/env bash
# Build benchmark: generates synthetic careers sites (examples/gen_corpus.rs) and times a full
# clean build of each with the release binary, then a no-op rebuild (nothing changed).
#
#   benches/build.sh                    # 1,000, 10,000 and 100,000 postings
#   benches/build.sh 10000              # just one size
#   BENCH_DIR=/dev/shm/yingcai-bench benches/build.sh   # sites and output in memory (tmpfs)
#
# RUNS (default 3) clean builds per size; the fastest is reported (other processes' builds
# make single runs noisy). Each clean build writes into a folder of its own, so no run pays
# for deleting the one before. Prints a Markdown table: wall time, CPU time (user + sys),
# peak RSS, pages per second, the stage times of `build --timings`, and the no-op rebuild.
# When `hugo` is installed, it also builds an equivalent Hugo site (benches/hugo-site.sh)
# of each size RUNS times, and prints Hugo's fastest run and the ratio yingcai / Hugo.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
runs=${RUNS:-3}
dir=${BENCH_DIR:-target/bench-build}
# "Today" for the generator and the build alike, so every run builds the same site.
today=2026-11-22
export SOURCE_DATE_EPOCH=1795348800

if [ ! -x /usr/bin/time ]; then
  echo "benches/build.sh needs GNU time: apt-get install -y time" >&2
  exit 2
fi
cargo build --release --quiet --bin yingcai --example gen_corpus
bin=$PWD/target/release/yingcai
gen=$PWD/target/release/examples/gen_corpus
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

calc() { awk "BEGIN { print $1 }"; }
less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

# One `build --timings` line's milliseconds: `stage` → value.
stage() { awk -v s="$1" '$1 == s { print $2 }' "$2"; }
part() { sed -n "s/.*$1 \([0-9.]*\) ms.*/\1/p" "$2" | head -1; }

rows=()
hugo_rows=()
for n in "${sizes[@]}"; do
  site=$dir/site-$n
  if [ ! -f "$site/config.toml" ]; then
    "$gen" --postings "$n" --seed 1 --today "$today" --out "$site" >&2
  fi
  best=""
  for run in $(seq 1 "$runs"); do
    out=$dir/out-$n-$run
    rm -rf "$out"
    /usr/bin/time -f "%e %U %S %M" -o "$dir/time.txt" "$bin" build --root "$site" --output "$out" --timings > "$dir/timings-$run.txt"
    read -r wall user sys rss < "$dir/time.txt"
    echo "  $n postings, run $run: ${wall} s wall, $(calc "$user + $sys") s CPU, $((rss / 1024)) MB" >&2
    if [ -z "$best" ] || less "$wall" "$best"; then
      best=$wall
      best_line="$wall $user $sys $rss"
      cp "$dir/timings-$run.txt" "$dir/timings-best.txt"
      last_out=$out
    fi
  done
  read -r wall user sys rss <<< "$best_line"
  t=$dir/timings-best.txt
  pages=$(sed -n 's/^built \([0-9]*\) pages.*/\1/p' "$t")
  noop=""
  for run in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e" -o "$dir/time.txt" "$bin" build --root "$site" --output "$last_out" > "$dir/noop.txt"
    grep -q "^up to date" "$dir/noop.txt" || { echo "the rebuild of $n postings was not a no-op:" >&2; cat "$dir/noop.txt" >&2; exit 1; }
    w=$(cat "$dir/time.txt")
    if [ -z "$noop" ] || less "$w" "$noop"; then noop=$w; fi
  done
  rows+=("| $n | $pages | $wall s | $(calc "$user + $sys") s | $((rss / 1024)) MB | $(calc "int($pages / $wall)") | $(stage load "$t") | $(stage assemble "$t") | $(stage markdown "$t") ($(part highlight "$t")) | $(stage render+write "$t") ($(part render "$t") + $(part write "$t")) | $(stage commit "$t") | $noop s |")
  for run in $(seq 1 "$runs"); do rm -rf "$dir/out-$n-$run"; done
  if command -v hugo > /dev/null; then
    hsite=$dir/hugo-$n
    [ -f "$hsite/hugo.toml" ] || benches/hugo-site.sh "$site" "$hsite"
    hbest=""
    for run in $(seq 1 "$runs"); do
      hout=$dir/hugo-out-$n
      rm -rf "$hout" "$dir/hugo-cache"
      /usr/bin/time -f "%e %U %S %M" -o "$dir/time.txt" hugo --quiet --source "$hsite" --destination "$hout" --cacheDir "$dir/hugo-cache" > /dev/null
      read -r hwall huser hsys hrss < "$dir/time.txt"
      echo "  $n postings, Hugo run $run: ${hwall} s wall, $(calc "$huser + $hsys") s CPU, $((hrss / 1024)) MB" >&2
      if [ -z "$hbest" ] || less "$hwall" "$hbest"; then
        hbest=$hwall
        hbest_line="$hwall $huser $hsys $hrss"
      fi
    done
    read -r hwall huser hsys hrss <<< "$hbest_line"
    hpages=$(find "$hout" -name '*.html' | wc -l)
    rm -rf "$hout" "$dir/hugo-cache"
    hugo_rows+=("| $n | $(hugo version | awk '{print $2}' | cut -d+ -f1) | $hpages | $hwall s | $(calc "$huser + $hsys") s | $((hrss / 1024)) MB | $wall s | $(calc "int($wall / $hwall * 100 + 0.5) / 100") |")
  fi
done

echo
echo "| postings | pages | wall | CPU | peak RSS | pages/s | load ms | assemble ms | markdown ms (highlight) | render+write ms (render + write) | commit ms | no-op rebuild |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
if [ ${#hugo_rows[@]} -gt 0 ]; then
  echo
  echo "| postings | Hugo | Hugo pages | Hugo wall | Hugo CPU | Hugo peak RSS | yingcai wall | yingcai / Hugo |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${hugo_rows[@]}"
fi
