#!/usr/bin/env bash
# Builds mediasoup's C++ worker against Debian 12's own libraries and caches it
# outside the checkout, keyed by version. Prints the binary's path on stdout
# (everything else goes to stderr), so callers can do:
#   export MEDIASOUP_WORKER_BIN="$(bash scripts/build-mediasoup-worker.sh)"
#
# Why: `npm install mediasoup` downloads a prebuilt worker or builds one with
# pip-installed meson/ninja and meson-downloaded dependencies. Our build and CI
# machines reach only the npm registry and the Debian archive, so we build from
# the npm tarball's sources with Debian's toolchain and -dev packages instead.
# With MEDIASOUP_WORKER_BIN set, mediasoup's install script skips its own build.
#
# Needs: root for apt-get (skipped when the packages are already there).
# Env: LSS_MEDIASOUP_VERSION (default 3.12.16, the newest whose C++ dependencies
#      Debian 12 ships; 3.13 moved to flatbuffers and libsrtp3; must match the
#      mediasoup version in package.json),
#      LSS_CACHE_DIR (default ${XDG_CACHE_HOME:-~/.cache}/live-seller-studio).
set -euo pipefail

version=${LSS_MEDIASOUP_VERSION:-3.12.16}
cache_root=${LSS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/live-seller-studio}
cache_dir="$cache_root/mediasoup-worker-$version"
binary="$cache_dir/mediasoup-worker"
log() { echo "[mediasoup-worker] $*" >&2; }

# Started by hand (not by mediasoup, which sets MEDIASOUP_VERSION and passes
# its pipes) the worker refuses to run and exits with code 41. A binary whose
# shared libraries are missing exits 127 instead: that is what this guards
# against, e.g. a cache restored onto a machine without the run-time packages.
binary_runs() {
  [ -x "$1" ] || return 1
  local rc=0
  env -u MEDIASOUP_VERSION "$1" </dev/null >/dev/null 2>&1 || rc=$?
  [ "$rc" -eq 41 ]
}

if binary_runs "$binary"; then
  log "cached: $binary"
  echo "$binary"
  exit 0
fi

# Build-time packages; the *-dev packages pull in the run-time libraries
# (libssl3, libuv1, libsrtp2-1, libusrsctp2, libabsl20220623).
build_packages=(build-essential pkg-config meson ninja-build libssl-dev libuv1-dev
  libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev)
missing=()
for p in "${build_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing build packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/mediasoup-worker-$version.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
log "fetching mediasoup@$version sources into $work"
# `npm pack` downloads the tarball without running any install script.
npm pack --silent "mediasoup@$version" >/dev/null
tar xzf "mediasoup-$version.tgz"
worker_src="$work/package/worker"

# Debian 12 has meson 1.0.1; 3.12's meson.build asks for 1.1 but needs nothing from it.
sed -i "s/meson_version: '>= 1.1.0'/meson_version: '>= 1.0.0'/" "$worker_src/meson.build"

# mediasoup's meson.build takes every dependency from a wrap subproject, which
# would be downloaded. Replace each with a tiny local subproject exporting the
# same variable names, resolved from Debian's pkg-config files. The *_lib
# variables only feed the shared-library target that we never build, so a
# dummy static library stands in for them.
subprojects="$worker_src/subprojects"
rm -rf "$subprojects"
mkdir -p "$subprojects"
write_subproject() { # name, meson.build body, [meson_options.txt]
  local dir="$subprojects/$1"
  mkdir -p "$dir"
  printf 'int lss_placeholder_%s(void) { return 0; }\n' "${1//[^a-z0-9]/_}" >"$dir/placeholder.c"
  printf "project('%s', 'c')\nplaceholder_lib = static_library('placeholder', 'placeholder.c')\n%s\n" \
    "$1" "$2" >"$dir/meson.build"
  if [ -n "${3:-}" ]; then printf '%s\n' "$3" >"$dir/meson_options.txt"; fi
}

write_subproject openssl "openssl_dep = dependency('openssl', version: '>=1.1.1')
libcrypto_lib = placeholder_lib
libssl_lib = placeholder_lib"

write_subproject nlohmann_json "nlohmann_json_dep = dependency('nlohmann_json', version: '>=3.9')"

write_subproject libuv "libuv_dep = dependency('libuv', version: '>=1.44')
libuv = placeholder_lib" "option('build_tests', type: 'boolean', value: false)
option('build_benchmarks', type: 'boolean', value: false)"

# Debian puts srtp.h under <includedir>/srtp2/ while mediasoup includes <srtp.h>.
write_subproject libsrtp2 "srtp = dependency('libsrtp2', version: '>=2.4')
libsrtp2_dep = declare_dependency(dependencies: srtp,
  compile_args: '-I' + srtp.get_variable(pkgconfig: 'includedir') / 'srtp2')
libsrtp2 = placeholder_lib" "option('crypto-library', type: 'string', value: 'openssl')
option('crypto-library-kdf', type: 'string', value: 'disabled')
option('tests', type: 'string', value: 'disabled')"

write_subproject usrsctp "usrsctp_dep = dependency('usrsctp')
usrsctp = placeholder_lib" "option('sctp_build_programs', type: 'boolean', value: false)"

write_subproject abseil-cpp "absl_container_dep = declare_dependency(dependencies: [
  dependency('absl_flat_hash_map'), dependency('absl_flat_hash_set'),
  dependency('absl_btree'), dependency('absl_inlined_vector'), dependency('absl_memory')])
absl_strings_dep = dependency('absl_strings')
absl_types_dep = declare_dependency(dependencies: [dependency('absl_optional')])
absl_container_lib = placeholder_lib
absl_strings_lib = placeholder_lib
absl_types_lib = placeholder_lib"

# Only the (unbuilt) test and fuzzer targets use these.
write_subproject catch2 "catch2_dep = dependency('catch2', required: false)"
write_subproject wingetopt "wingetopt_dep = declare_dependency()
wingetopt_lib = []"

started=$(date +%s)
log "configuring (log: $work/meson-setup.log)"
if ! meson setup build "$worker_src" --buildtype=release -Db_ndebug=true -Db_pie=true \
  -Db_staticpic=true >meson-setup.log 2>&1; then
  tail -n 40 meson-setup.log >&2
  exit 1
fi
log "compiling with $(nproc) jobs (takes several minutes)"
if ! ninja -C build -j"$(nproc)" mediasoup-worker >ninja.log 2>&1; then
  tail -n 60 ninja.log >&2
  exit 1
fi

# Install atomically so a concurrent reader never sees a half-written binary.
mkdir -p "$cache_dir"
strip -o "$cache_dir/.mediasoup-worker.tmp" build/mediasoup-worker
mv -f "$cache_dir/.mediasoup-worker.tmp" "$binary"
binary_runs "$binary" || { log "built binary does not run"; exit 1; }
log "built in $(($(date +%s) - started)) s"
echo "$binary"
