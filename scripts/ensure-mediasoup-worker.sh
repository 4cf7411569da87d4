#!/usr/bin/env bash
# Prints the path of a mediasoup worker binary that runs on this machine:
# MEDIASOUP_WORKER_BIN when it is already set and works, otherwise the one
# scripts/build-mediasoup-worker.sh builds (or finds in its cache).
#   export MEDIASOUP_WORKER_BIN="$(bash scripts/ensure-mediasoup-worker.sh)"
# Machines with internet do not need this: `npm install` downloads a worker.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ -n "${MEDIASOUP_WORKER_BIN:-}" ]; then
  # See build-mediasoup-worker.sh: run by hand, a working worker exits 41.
  rc=0
  env -u MEDIASOUP_VERSION "$MEDIASOUP_WORKER_BIN" </dev/null >/dev/null 2>&1 || rc=$?
  if [ "$rc" -eq 41 ]; then
    echo "$MEDIASOUP_WORKER_BIN"
    exit 0
  fi
  echo "[mediasoup-worker] MEDIASOUP_WORKER_BIN=$MEDIASOUP_WORKER_BIN does not run (exit $rc); using the project's build" >&2
fi
exec bash "$here/build-mediasoup-worker.sh"
