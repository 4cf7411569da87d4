#!/usr/bin/env bash
# Stops an RTMP server started by rtmp-server-start.sh (--dir DIR): at once,
# as a crash or a network cut would look to a publisher.
#   scripts/rtmp-server-stop.sh --dir DIR
set -euo pipefail
dir=
while (($#)); do
  case $1 in
    --dir) dir=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[[ -n $dir ]] || { echo "--dir is required" >&2; exit 2; }
[[ -f $dir/nginx.pid ]] || exit 0
pid=$(cat "$dir/nginx.pid")
# The master and its worker: TERM is nginx's fast shutdown (connections cut).
pkill -TERM -P "$pid" 2>/dev/null || true
kill -TERM "$pid" 2>/dev/null || true
for _ in $(seq 1 100); do
  kill -0 "$pid" 2>/dev/null || { rm -f "$dir/nginx.pid"; exit 0; }
  sleep 0.05
done
# The last resort takes the workers too, so none is left holding the port.
pkill -KILL -P "$pid" 2>/dev/null || true
kill -KILL "$pid" 2>/dev/null || true
rm -f "$dir/nginx.pid"
