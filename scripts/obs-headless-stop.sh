#!/usr/bin/env bash
# Stops the OBS and Xvfb that obs-headless-start.sh started in this home, by
# their process ids only (never by name: other OBS instances are left alone).
#   scripts/obs-headless-stop.sh [--home DIR]
set -uo pipefail
home=${OBS_HOME:-/tmp/lss-obs}
[[ ${1:-} == --home ]] && home=$2
[[ -f $home/pids.env ]] || exit 0
# shellcheck disable=SC1091
source "$home/pids.env"
# OBS 29 dies at once on SIGTERM (no ExitStarted event; clients see close code 1006).
kill "$OBS_PID" 2>/dev/null
for _ in $(seq 100); do kill -0 "$OBS_PID" 2>/dev/null || break; sleep 0.05; done
kill "$XVFB_PID" 2>/dev/null
exit 0
