#!/usr/bin/env bash
# Installs the Debian packages the tests need: Chromium for the end-to-end
# tests, OBS + Xvfb for the OBS control tests, ffmpeg and nginx-rtmp for multistream, and what the mediasoup worker (the SFU) needs to be built and to
# run. Safe to run again: it only installs what is missing.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(
  chromium fonts-dejavu-core
  # mediasoup worker at run time (the binary links these).
  libssl3 libuv1 libsrtp2-1 libusrsctp2 libabsl20220623
  # mediasoup worker at build time (scripts/build-mediasoup-worker.sh).
  build-essential pkg-config meson ninja-build libssl-dev libuv1-dev libsrtp2-dev
  libusrsctp-dev libabsl-dev nlohmann-json3-dev
  # OBS control tests: a real OBS 29 headless under Xvfb with Mesa's software GL
  # (scripts/obs-headless-start.sh); the GL driver is only a recommend of obs-studio.
  obs-studio xvfb libgl1-mesa-dri
  # Multistream and recording: ffmpeg encodes (egress, the recording's MP4);
  # nginx with its RTMP module is the real RTMP server the egress tests push to
  # (scripts/rtmp-server-start.sh).
  ffmpeg nginx libnginx-mod-rtmp
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "System packages ready: ${packages[*]}"
