#!/usr/bin/env bash
# Starts a real RTMP ingest server on loopback (Debian's nginx with its RTMP
# module) for the multistream tests and benchmark: what YouTube, Twitch or
# Facebook are to a real show.
#
#   scripts/rtmp-server-start.sh --dir DIR [--port 1935] [--http-port 0] [--key KEY]
#
# Accepts publishing to rtmp://127.0.0.1:PORT/live/<key>. With --key, only
# that stream key may publish: nginx asks its own HTTP location (on
# --http-port, loopback) and refuses any other key, as a platform refuses a
# wrong one. Anyone may play the stream back (ffprobe, ffmpeg) from the same
# URL. Prints RTMP_PID=, RTMP_PORT=, RTMP_URL= lines (also kept in
# DIR/rtmp.env) once the port accepts connections. Stop: rtmp-server-stop.sh.
set -euo pipefail
dir=
port=1935
http_port=0
key=
while (($#)); do
  case $1 in
    --dir) dir=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --http-port) http_port=$2; shift 2 ;;
    --key) key=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[[ -n $dir ]] || { echo "--dir is required" >&2; exit 2; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
module=/usr/lib/nginx/modules/ngx_rtmp_module.so
[[ -x $nginx_bin && -f $module ]] || { echo "nginx and libnginx-mod-rtmp are not installed (scripts/install-system-deps.sh)" >&2; exit 3; }
if [[ $http_port == 0 ]]; then
  # A free loopback port for the key check, found by the kernel.
  http_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
fi

mkdir -p "$dir/logs" "$dir/tmp"
if [[ -n $key ]]; then
  check="notify_method get; on_publish http://127.0.0.1:$http_port/publish;"
else
  check=
fi
cat >"$dir/nginx.conf" <<CONF
load_module $module;
daemon on;
pid $dir/nginx.pid;
error_log $dir/logs/error.log info;
worker_processes 1;
events { worker_connections 256; }
rtmp {
  server {
    listen 127.0.0.1:$port;
    chunk_size 4096;
    application live {
      live on;
      record off;
      $check
    }
  }
}
http {
  access_log $dir/logs/access.log;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  server {
    listen 127.0.0.1:$http_port;
    # nginx-rtmp asks with the stream's name (the key) as "name"; anything but 2xx refuses the publish.
    location = /publish {
      if (\$arg_name = "$key") { return 204; }
      return 403;
    }
  }
}
CONF
"$nginx_bin" -p "$dir" -c "$dir/nginx.conf" -t -q
"$nginx_bin" -p "$dir" -c "$dir/nginx.conf"
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    pid=$(cat "$dir/nginx.pid")
    printf 'RTMP_PID=%s\nRTMP_PORT=%s\nRTMP_URL=rtmp://127.0.0.1:%s/live\n' "$pid" "$port" "$port" | tee "$dir/rtmp.env"
    exit 0
  fi
  sleep 0.05
done
echo "nginx did not open port $port; see $dir/logs/error.log" >&2
exit 1
