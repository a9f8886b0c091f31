#!/usr/bin/env bash
# `svcdesc fetch` over HTTP/2 where the server offers it: nginx (Debian's nginx-light, started here
# on 127.0.0.1 with its own configuration and a throw-away certificate, stopped at the end) serves
# the text samples over TLS with HTTP/2; fetch must get every page, over HTTP/2 only, and with
# --per-host 2 over at most two connections (the requests multiplexed on them); the second run
# gets a 304 for each. --insecure because the certificate is self-signed.
#
#   http2_check.sh BINARY SOURCE_DIR
set -u
binary=$1 source_dir=$2
tmp=$(mktemp -d)
chmod 755 "$tmp" # nginx's worker runs as another user
nginx=/usr/sbin/nginx
stop() {
    if [ -s "$tmp/nginx.pid" ]; then
        local pid
        pid=$(cat "$tmp/nginx.pid")
        "$nginx" -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/error.log" -s stop 2>/dev/null
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    fi
    rm -rf "$tmp"
}
trap stop EXIT
[ -x "$nginx" ] || { echo "nginx is missing: apt-get install nginx-light"; exit 1; }
export LC_ALL=C TZ=UTC NO_COLOR=1

mkdir -p "$tmp/www" "$tmp/temp"
pages=()
for f in "$source_dir"/samples/*.txt; do
    cp "$f" "$tmp/www/"
    pages+=("$(basename "$f")")
done
[ ${#pages[@]} -ge 6 ] || { echo "expected at least six text samples, found ${#pages[@]}"; exit 1; }
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
    -subj /CN=127.0.0.1 -keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1 ||
    { echo "openssl could not make a certificate"; exit 1; }
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$tmp/nginx.conf" <<EOF
worker_processes 1;
daemon on;
pid $tmp/nginx.pid;
error_log $tmp/error.log warn;
events { worker_connections 64; }
http {
  types { text/plain txt; }
  charset utf-8;
  log_format check '\$server_protocol \$connection \$status \$uri';
  access_log $tmp/access.log check;
  client_body_temp_path $tmp/temp/body;
  proxy_temp_path $tmp/temp/proxy;
  fastcgi_temp_path $tmp/temp/fastcgi;
  uwsgi_temp_path $tmp/temp/uwsgi;
  scgi_temp_path $tmp/temp/scgi;
  server {
    listen 127.0.0.1:$port ssl http2;
    ssl_certificate $tmp/cert.pem;
    ssl_certificate_key $tmp/key.pem;
    root $tmp/www;
  }
}
EOF
"$nginx" -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/error.log" || { cat "$tmp/error.log"; exit 1; }
for _ in $(seq 50); do [ -s "$tmp/nginx.pid" ] && break; sleep 0.1; done

status=0
urls=()
for p in "${pages[@]}"; do urls+=("https://127.0.0.1:$port/$p"); done
run() {
    "$binary" fetch --insecure --rate 0 --concurrency 8 --per-host 2 --state "$tmp/state.sqlite" \
        -o "$tmp/out.ndjson" "${urls[@]}" 2>"$tmp/err"
}
run
code=$?
[ "$code" = 0 ] || { echo "first run: exit $code"; cat "$tmp/err"; status=1; }
records=$(cat "$tmp/out.ndjson" 2>/dev/null | wc -l)
[ "$records" -ge "${#pages[@]}" ] || { echo "first run: $records records for ${#pages[@]} pages"; status=1; }
sleep 0.3 # nginx writes its log line after the response
grep -v ' /robots.txt$' "$tmp/access.log" >"$tmp/pages.log"
requests=$(wc -l <"$tmp/pages.log")
[ "$requests" = "${#pages[@]}" ] || { echo "first run: $requests requests, not ${#pages[@]}"; status=1; }
other=$(grep -vc '^HTTP/2.0 ' "$tmp/access.log")
[ "$other" = 0 ] || { echo "requests not over HTTP/2:"; grep -v '^HTTP/2.0 ' "$tmp/access.log"; status=1; }
grep -q '^HTTP/2.0 [0-9]* 404 /robots.txt$' "$tmp/access.log" || { echo "robots.txt was not asked for"; status=1; }
connections=$(cut -d' ' -f2 "$tmp/access.log" | sort -u | wc -l)
[ "$connections" -le 2 ] || { echo "${#pages[@]} requests over $connections connections (--per-host 2)"; status=1; }
grep -q "TLS certificates are not checked" "$tmp/err" || { echo "--insecure said nothing"; status=1; }

: >"$tmp/access.log"
run
code=$?
[ "$code" = 0 ] || { echo "second run: exit $code"; cat "$tmp/err"; status=1; }
sleep 0.3
notmod=$(grep -c '^HTTP/2.0 [0-9]* 304 ' "$tmp/access.log")
[ "$notmod" = "${#pages[@]}" ] || { echo "second run: $notmod x 304, not ${#pages[@]}:"; cat "$tmp/access.log"; status=1; }
[ $status = 0 ] && echo "ok: ${#pages[@]} pages over HTTP/2 on $connections connection(s), then ${#pages[@]} x 304"
exit $status
