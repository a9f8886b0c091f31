#!/usr/bin/env bash
# `svcdesc fetch` against a local nginx, beside wget2 and curl --parallel at the same concurrency.
#
#   bench/fetch_bench.sh [SVCDESC] [PAGES]
#
# SVCDESC defaults to build/cli/svcdesc (point it at a Release build), PAGES to 3000. The pages are
# a synthetic corpus from bench/gen_corpus.py (text renderings, 2-40 KB, about 6-7 KB on average),
# served as text/plain by nginx (Debian package nginx-light) started on 127.0.0.1 with its own
# configuration and prefix under bench/results/tmp/ (never the system one) and stopped at the end.
#
# Measured, each with /usr/bin/time (wall seconds, user + system CPU seconds):
#   svcdesc first run     fresh state file: every page downloaded and parsed
#   svcdesc second run    same state, nothing changed: every page must answer 304
#   wget2 first run       --max-threads=N, pages saved to disk (download only, no parsing)
#   wget2 second run      -N (timestamping, If-Modified-Since) over the same directory
#   curl --parallel       --parallel-max N, pages saved to disk (download only)
# nginx's access log gives, per run, the 200s, the 304s and the body bytes sent, so "no page body
# transferred" on the second run is measured, not assumed.
#
# Environment: CONCURRENCY (default 8), SEED (default 1).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
bin=${1:-$root/build/cli/svcdesc}
pages=${2:-3000}
concurrency=${CONCURRENCY:-8}
seed=${SEED:-1}

die() { echo "fetch_bench.sh: error: $*" >&2; exit 2; }
[[ -x $bin ]] || die "$bin is not an executable; build it first (see bench/README.md)"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[[ -x /usr/sbin/nginx ]] || die "nginx is missing; install it with: apt-get install nginx-light"
command -v wget2 >/dev/null || die "wget2 is missing; install it with: apt-get install wget2"
command -v curl >/dev/null || die "curl is missing; install it with: apt-get install curl"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing; install it with: apt-get install time"

export LC_ALL=C TZ=UTC
work=$here/results/tmp/fetch
rm -rf "$work"
mkdir -p "$work/www/pages" "$work/nginx/logs" "$work/nginx/tmp"

python3 "$here/gen_corpus.py" --pages "$pages" --seed "$seed" --out "$work/www/pages" >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon on;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  types { text/plain txt; }
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
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log"
trap '/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log" -s stop 2>/dev/null || true' EXIT
for _ in $(seq 50); do [[ -s $work/nginx/nginx.pid ]] && break; sleep 0.1; done

base=http://127.0.0.1:$port
(cd "$work/www" && find pages -name '*.txt' | sort | sed "s|^|$base/|") >"$work/urls.txt"
count=$(wc -l <"$work/urls.txt")
total_bytes=$(du -sb "$work/www/pages" | cut -f1)
# curl's config: one url/output pair per page.
awk -v dir="$work/curl" '{ n = split($0, p, "/"); printf "url = \"%s\"\noutput = \"%s/%s\"\n", $0, dir, p[n] }' \
  "$work/urls.txt" >"$work/curl.config"

# Runs a command under /usr/bin/time; prints "wall user+sys 200s 304s body-bytes" from nginx's log.
measure() {
  local name=$1
  shift
  : >"$work/nginx/logs/access.log"
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/$name.stderr" || {
    echo "$name failed (exit $?); see $work/$name.stderr" >&2
    tail -5 "$work/$name.stderr" >&2
  }
  # nginx writes its log line after the response; give it a moment.
  sleep 0.3
  read -r wall user sys <"$work/time"
  read -r ok notmod bytes < <(awk '$1 == 200 { ok++; b += $2 } $1 == 304 { nm++ } END { print ok + 0, nm + 0, b + 0 }' \
    "$work/nginx/logs/access.log")
  printf '%-22s %8.2f s %9.0f pages/s %7.2f CPU s %6d x 200 %6d x 304 %8.1f MB bodies\n' \
    "$name" "$wall" "$(echo "$count / $wall" | bc -l)" "$(echo "$user + $sys" | bc -l)" \
    "$ok" "$notmod" "$(echo "$bytes / 1000000" | bc -l)"
}

echo "fetch_bench: $count pages, $(echo "$total_bytes / 1000000" | bc -l | xargs printf '%.1f') MB, concurrency $concurrency, nginx on $base"
opts=(-q fetch -i "$work/urls.txt" --state "$work/state.sqlite" -o "$work/records.ndjson"
      --concurrency "$concurrency" --per-host "$concurrency" --rate 0)
measure "svcdesc first run" "$bin" "${opts[@]}"
records=$(wc -l <"$work/records.ndjson")
measure "svcdesc second run" "$bin" "${opts[@]}"
[[ $(wc -l <"$work/records.ndjson") == "$records" ]] || echo "warning: the second run wrote a different number of records" >&2
mkdir -p "$work/wget2"
measure "wget2 first run" wget2 -q --max-threads="$concurrency" --no-robots -N -nd -P "$work/wget2" -i "$work/urls.txt"
measure "wget2 second run" wget2 -q --max-threads="$concurrency" --no-robots -N -nd -P "$work/wget2" -i "$work/urls.txt"
mkdir -p "$work/curl"
measure "curl --parallel" curl -s --parallel --parallel-max "$concurrency" -K "$work/curl.config"
echo "svcdesc wrote $records records"
