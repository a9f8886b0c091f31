#!/usr/bin/env bash
# `svcdesc fetch` against a local nginx, beside wget2, curl --parallel and Scrapy at the same
# concurrency.
#
#   bench/fetch_bench.sh [SVCDESC] [PAGES]
#
# SVCDESC defaults to build/cli/svcdesc (point it at a Release build), PAGES to 3000. nginx (Debian
# package nginx-light) is started on 127.0.0.1 with its own configuration and prefix under
# bench/results/tmp/ (never the system one) and stopped at the end. Two rounds:
#
# Text round (bench "fetch-text"): PAGES pages of bench/gen_corpus.py (text renderings, 2-40 KB,
# about 6-7 KB on average), served as text/plain; charset=utf-8.
#   svcdesc first run     fresh state file: every page downloaded and parsed
#   svcdesc second run    same state, nothing changed: every page must answer 304
#   wget2 first run       --max-threads=N, pages saved to disk (download only, no parsing)
#   wget2 second run      -N (timestamping, If-Modified-Since) over the same directory
#   curl --parallel       --parallel-max N, pages saved to disk (download only)
#
# HTML round (bench "fetch-html"): HTML_PAGES pages of bench/gen_html_corpus.py (30-60 KB), served
# as text/html; charset=utf-8.
#   svcdesc first run     fresh state file: every page downloaded and parsed to a record
#   Scrapy                bench/scrapy_spider.py: download, extract the fields of html_lxml.py
#                         (lxml), export JSON lines; its item count must equal the page count, and
#                         its answers are compared with svcdesc's records (lang, title,
#                         organisation, updated), as html_bench.sh does
#
# Each run is timed with /usr/bin/time (wall seconds, user + system CPU seconds, peak RSS) and given
# to bench_result (bench/lib.sh); nginx's access log gives, per run, the 200s, the 304s and the
# body bytes sent, so "no page body transferred" on the second run is measured, not assumed.
#
# Environment: CONCURRENCY (default 8), SEED (default 1), HTML_PAGES (default PAGES; 0 skips the
# HTML round), PYTHON (default /usr/bin/python3, Debian's, which has python3-scrapy and lxml).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
bin=${1:-$root/build/cli/svcdesc}
pages=${2:-3000}
concurrency=${CONCURRENCY:-8}
seed=${SEED:-1}
html_pages=${HTML_PAGES:-$pages}
python=${PYTHON:-/usr/bin/python3}

die() { echo "fetch_bench.sh: error: $*" >&2; exit 2; }
[[ -x $bin ]] || die "$bin is not an executable; build it first (see bench/README.md)"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[[ -x /usr/sbin/nginx ]] || die "nginx is missing; install it with: apt-get install nginx-light"
command -v wget2 >/dev/null || die "wget2 is missing; install it with: apt-get install wget2"
command -v curl >/dev/null || die "curl is missing; install it with: apt-get install curl"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing; install it with: apt-get install time"
if ((html_pages > 0)); then
  "$python" -c 'import scrapy, lxml' 2>/dev/null ||
    die "Scrapy or lxml is missing for $python; install them with: apt-get install python3-scrapy python3-lxml"
fi
source "$here/lib.sh"

export LC_ALL=C TZ=UTC
work=$here/results/tmp/fetch
rm -rf "$work"
mkdir -p "$work/www/pages" "$work/nginx/logs" "$work/nginx/tmp"

python3 "$here/gen_corpus.py" --pages "$pages" --seed "$seed" --out "$work/www/pages" >/dev/null
if ((html_pages > 0)); then
  python3 "$here/gen_html_corpus.py" --pages "$html_pages" --seed "$seed" --out "$work/www/html" >/dev/null
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon on;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  types { text/plain txt; text/html html; }
  default_type text/plain;
  charset utf-8;
  log_format bench '\$status \$body_bytes_sent';
  access_log $work/nginx/logs/access.log bench;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  keepalive_requests 100000;
  sendfile on;
  server {
    listen 127.0.0.1:$port;
    root $work/www;
  }
}
EOF
# Stops nginx and waits until its master (which waits for its worker) is gone, so that nothing is
# left running when the script returns.
stop_nginx() {
  local pid
  pid=$(cat "$work/nginx/nginx.pid" 2>/dev/null) || return 0
  /usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log" -s stop 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.05; done
  echo "fetch_bench.sh: warning: nginx (pid $pid) still running" >&2
}
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log"
trap stop_nginx EXIT
for _ in $(seq 50); do [[ -s $work/nginx/nginx.pid ]] && break; sleep 0.1; done

base=http://127.0.0.1:$port
(cd "$work/www" && find pages -name '*.txt' | sort | sed "s|^|$base/|") >"$work/urls.txt"
count=$(wc -l <"$work/urls.txt")
total_bytes=$(du -sb "$work/www/pages" | cut -f1)
# curl's config: one url/output pair per page.
awk -v dir="$work/curl" '{ n = split($0, p, "/"); printf "url = \"%s\"\noutput = \"%s/%s\"\n", $0, dir, p[n] }' \
  "$work/urls.txt" >"$work/curl.config"

# measure BENCH NAME COMMAND...: runs COMMAND under /usr/bin/time over the $count URLs of the
# round; prints "NAME wall pages/s CPU 200s 304s body-MB" from nginx's log and gives the row to
# bench_result. A failed command is said (and counted in $failures), not fatal.
failures=0
measure() {
  local bench=$1 name=$2 wall user sys rss cpu ok notmod bytes
  shift 2
  : >"$work/nginx/logs/access.log"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/$bench $name.stderr" || {
    echo "$name failed (exit $?); see $work/$bench $name.stderr" >&2
    tail -5 "$work/$bench $name.stderr" >&2
    failures=$((failures + 1))
  }
  # nginx writes its log line after the response; give it a moment.
  sleep 0.3
  # The last line: /usr/bin/time puts "Command exited with non-zero status N" before it.
  read -r wall user sys rss < <(tail -n 1 "$work/time")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  read -r ok notmod bytes < <(awk '$1 == 200 { ok++; b += $2 } $1 == 304 { nm++ } END { print ok + 0, nm + 0, b + 0 }' \
    "$work/nginx/logs/access.log")
  printf '%-22s %8.2f s %9.0f pages/s %7.2f CPU s %6d x 200 %6d x 304 %8.1f MB bodies %7.1f MB RSS\n' \
    "$name" "$wall" "$(awk -v n="$count" -v w="$wall" 'BEGIN { if (w <= 0) w = 0.001; print n / w }')" "$cpu" \
    "$ok" "$notmod" "$(echo "$bytes / 1000000" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
  bench_result "$bench" "$name" "$wall" "$cpu" "$rss" "$count" pages "$@"
}

echo "fetch_bench: $count pages, $(echo "$total_bytes / 1000000" | bc -l | xargs printf '%.1f') MB, concurrency $concurrency, nginx on $base"
opts=(-q fetch -i "$work/urls.txt" --state "$work/state.sqlite" -o "$work/records.ndjson"
      --concurrency "$concurrency" --per-host "$concurrency" --rate 0)
measure fetch-text "svcdesc first run" "$bin" "${opts[@]}"
records=$(wc -l <"$work/records.ndjson")
measure fetch-text "svcdesc second run" "$bin" "${opts[@]}"
[[ $(wc -l <"$work/records.ndjson") == "$records" ]] || echo "warning: the second run wrote a different number of records" >&2
mkdir -p "$work/wget2"
measure fetch-text "wget2 first run" wget2 -q --max-threads="$concurrency" --no-robots -N -nd -P "$work/wget2" -i "$work/urls.txt"
measure fetch-text "wget2 second run" wget2 -q --max-threads="$concurrency" --no-robots -N -nd -P "$work/wget2" -i "$work/urls.txt"
mkdir -p "$work/curl"
measure fetch-text "curl --parallel" curl -s --parallel --parallel-max "$concurrency" -K "$work/curl.config"
echo "svcdesc wrote $records records"

if ((html_pages > 0)); then
  (cd "$work/www" && find html -name '*.html' | sort | sed "s|^|$base/|") >"$work/urls-html.txt"
  count=$(wc -l <"$work/urls-html.txt")
  html_bytes=$(du -sb "$work/www/html" | cut -f1)
  echo
  echo "fetch_bench, HTML: $count pages, $(echo "$html_bytes / 1000000" | bc -l | xargs printf '%.1f') MB" \
    "(gen_html_corpus.py), $(curl -sI "$(head -n 1 "$work/urls-html.txt")" | tr -d '\r' | sed -n 's/^[Cc]ontent-[Tt]ype: //p')," \
    "concurrency $concurrency"
  measure fetch-html "svcdesc first run" "$bin" -q fetch -i "$work/urls-html.txt" --state "$work/state-html.sqlite" \
    -o "$work/records-html.ndjson" --concurrency "$concurrency" --per-host "$concurrency" --rate 0
  measure fetch-html "Scrapy $("$python" -c 'import scrapy; print(scrapy.__version__)') spider" "$python" "$here/scrapy_spider.py" --urls "$work/urls-html.txt" \
    --out "$work/scrapy.jsonl" --concurrency "$concurrency"
  records=0 items=0
  [[ -f $work/records-html.ndjson ]] && records=$(wc -l <"$work/records-html.ndjson")
  [[ -f $work/scrapy.jsonl ]] && items=$(wc -l <"$work/scrapy.jsonl")
  echo "svcdesc wrote $records records; Scrapy exported $items items for $count pages:" \
    "$([[ $items -eq $count ]] && echo ok || echo MISMATCH)"
  if [[ $items -ne $count || $records -ne $count ]]; then
    echo "fetch_bench.sh: error: $records records and $items Scrapy items for $count pages" >&2
    failures=$((failures + 1))
  fi
  if ((records > 0 && items > 0)); then
    echo "accuracy of the Scrapy spider (html_lxml.py's extraction) against svcdesc fetch:"
    "$python" "$here/html_fields.py" compare "$work/records-html.ndjson" "$work/scrapy.jsonl"
  fi
fi
((failures == 0)) || exit 1
