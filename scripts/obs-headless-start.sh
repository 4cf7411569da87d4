#!/usr/bin/env bash
# Starts a real OBS Studio 29 (obs-websocket 5 built in) with no screen, under
# Xvfb and Mesa's software GL, for the OBS control tests and benchmark.
#
#   scripts/obs-headless-start.sh [--home DIR] [--port 4455] [--password SECRET]
#
# A new home gets a small profile (640x360, simple output, x264) and a scene
# collection with "Scene A" (a red colour source) and "Scene B" (empty); an
# existing home is reused as it is, so a restart keeps what the test made.
# Prints OBS_PID=, XVFB_PID= and DISPLAY= lines (also kept in DIR/pids.env)
# once the websocket port accepts connections. Stop: obs-headless-stop.sh.
set -euo pipefail
home=${OBS_HOME:-/tmp/lss-obs}
port=${OBS_PORT:-4455}
password=${OBS_PASSWORD:-lss-test-password}
while (($#)); do
  case $1 in
    --home) home=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --password) password=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
command -v obs >/dev/null && command -v Xvfb >/dev/null || { echo "obs-studio and xvfb are not installed (scripts/install-system-deps.sh)" >&2; exit 3; }

config=$home/.config/obs-studio
mkdir -p "$home/run" "$home/recordings"
chmod 700 "$home/run"

if [[ ! -f $config/global.ini ]]; then
  mkdir -p "$config/basic/profiles/LSS" "$config/basic/scenes"
  # OBS 29's obs-websocket (5.1) reads its settings from global.ini [OBSWebSocket].
  # FirstRun=true keeps the auto-configuration wizard from opening.
  cat >"$config/global.ini" <<INI
[General]
FirstRun=true
EnableAutoUpdates=false
Pre19Defaults=false
Pre21Defaults=false
Pre23Defaults=false
Pre24.1Defaults=false

[Basic]
Profile=LSS
ProfileDir=LSS
SceneCollection=LSS
SceneCollectionFile=LSS

[BasicWindow]
SysTrayEnabled=false

[OBSWebSocket]
FirstLoad=false
ServerEnabled=true
ServerPort=$port
AuthRequired=true
ServerPassword=$password
AlertsEnabled=false
INI
  # A small canvas keeps software rendering cheap on 2 cores.
  cat >"$config/basic/profiles/LSS/basic.ini" <<INI
[General]
Name=LSS

[Video]
BaseCX=640
BaseCY=360
OutputCX=640
OutputCY=360
FPSType=0
FPSCommon=30

[Output]
Mode=Simple

[SimpleOutput]
FilePath=$home/recordings
RecFormat=mkv
RecQuality=Stream
StreamEncoder=x264
RecEncoder=x264
VBitrate=1000
ABitrate=128
Preset=ultrafast
INI
  cat >"$config/basic/scenes/LSS.json" <<'JSON'
{
  "name": "LSS",
  "current_scene": "Scene A",
  "current_program_scene": "Scene A",
  "current_transition": "Cut",
  "transition_duration": 0,
  "transitions": [], "groups": [], "quick_transitions": [], "saved_projectors": [], "modules": {},
  "scene_order": [{ "name": "Scene A" }, { "name": "Scene B" }],
  "sources": [
    { "id": "color_source_v3", "versioned_id": "color_source_v3", "name": "Red",
      "settings": { "color": 4278190335, "width": 640, "height": 360 } },
    { "id": "scene", "versioned_id": "scene", "name": "Scene A",
      "settings": { "id_counter": 1, "custom_size": false, "items": [
        { "name": "Red", "id": 1, "visible": true, "locked": false, "pos": { "x": 0, "y": 0 },
          "scale": { "x": 1, "y": 1 }, "rot": 0, "align": 5, "bounds_type": 0, "bounds_align": 0,
          "bounds": { "x": 0, "y": 0 }, "crop_left": 0, "crop_top": 0, "crop_right": 0, "crop_bottom": 0 } ] } },
    { "id": "scene", "versioned_id": "scene", "name": "Scene B",
      "settings": { "id_counter": 0, "custom_size": false, "items": [] } }
  ]
}
JSON
fi

# Reuse this home's X server when it is still up (a restart after OBS was killed).
xvfb_pid= display=
if [[ -f $home/pids.env ]]; then
  # shellcheck disable=SC1091
  source "$home/pids.env"
  xvfb_pid=${XVFB_PID:-} display=${DISPLAY:-}
  kill -0 "$xvfb_pid" 2>/dev/null || xvfb_pid=
fi
if [[ -z $xvfb_pid ]]; then
  rm -f "$home/run/display"
  # -displayfd: Xvfb picks a free display number and writes it to fd 5.
  Xvfb -displayfd 5 -screen 0 1280x720x24 -nolisten tcp 5>"$home/run/display" >"$home/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 200); do [[ -s $home/run/display ]] && break; sleep 0.05; done
  [[ -s $home/run/display ]] || { echo "Xvfb did not start" >&2; exit 1; }
  display=":$(cat "$home/run/display")"
fi

HOME=$home XDG_CONFIG_HOME=$home/.config XDG_RUNTIME_DIR=$home/run DISPLAY=$display \
  LIBGL_ALWAYS_SOFTWARE=1 QT_QPA_PLATFORM=xcb \
  obs --multi --minimize-to-tray --disable-updater --disable-missing-files-check \
  --collection LSS --profile LSS --scene "Scene A" >"$home/obs.log" 2>&1 &
obs_pid=$!
printf 'OBS_PID=%s\nXVFB_PID=%s\nDISPLAY=%s\nOBS_PORT=%s\n' "$obs_pid" "$xvfb_pid" "$display" "$port" >"$home/pids.env"

# Ready when the websocket port accepts a TCP connection (checked every 50 ms, 60 s at most).
for _ in $(seq 1200); do
  if (exec 9<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    cat "$home/pids.env"
    exit 0
  fi
  kill -0 "$obs_pid" 2>/dev/null || { echo "OBS exited during startup; last lines of $home/obs.log:" >&2; tail -30 "$home/obs.log" >&2; exit 1; }
  sleep 0.05
done
echo "OBS did not open port $port within 60 s" >&2
kill "$obs_pid" 2>/dev/null || true
exit 1
