#!/usr/bin/env bash
# deps.sh — the one list of Debian packages qatspec's build and tests need, and
# the step that installs whichever of them are missing.
#
# Fast when nothing is missing: one dpkg-query, no apt-get at all.
# As root: `apt-get update` once, then install the missing ones.
# Not root: prints the exact sudo line to run and exits 1.
set -euo pipefail

# One package a line; extend here. Keep the clang runtime in step with `clang --version`.
PACKAGES=(
  cmake
  ninja-build
  pkg-config
  gcc
  make
  clang                 # clang 14 on Debian 12
  llvm                  # llvm-profdata, llvm-cov, llvm-symbolizer
  lld
  libclang-rt-14-dev    # ASan/UBSan and libFuzzer runtimes for clang 14
  libyaml-dev
  libcmocka-dev
  libcjson-dev          # JSON reports
  libcurl4-openssl-dev  # FOTA over HTTP
  afl++
  socat
  minicom               # tests/capture: a capture file made by minicom against the emulator
  picocom               # tests/capture: a --logfile made by picocom against the emulator
  bsdutils              # `script`, the terminal picocom and minicom need in tests/capture (Essential: always there)
  ppp                   # the `chat` program (tests/clients: a dial script to CONNECT, the escape, ATH)
  wvdial                # tests/clients: wvdial dials the emulator and starts the PPP program it is given
  inotify-tools         # inotifywait: tests/capture and tests/clients wait on file events, not on a clock
  gammu                 # tests/clients: gammu's identify, security status, network info and SMS list against the emulator
  ofono                 # tests/clients: oFono's phonesim driver dials the emulator's TCP port (D-Bus comes with it)
  python3
  libxml2-dev           # junit.xml through xmlTextWriter
  libxml2-utils         # xmllint: junit.xml checked against the JUnit schema
  chromium              # the HTML report read back by a headless browser in the tests
)

# One dpkg-query for the lot. "ii " = wanted install, installed OK; anything else
# (unknown, half-installed, removed with config files left) counts as missing.
declare -A installed=()
while read -r name abbrev; do
  if [[ "$abbrev" == ii* ]]; then installed["${name%%:*}"]=1; fi
done < <(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${PACKAGES[@]}" 2>/dev/null || true)

missing=()
for pkg in "${PACKAGES[@]}"; do
  [[ -n "${installed[$pkg]:-}" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "deps: all ${#PACKAGES[@]} packages present, nothing to install"
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "deps: missing ${#missing[@]} package(s): ${missing[*]}" >&2
  echo "deps: run this, then try again:" >&2
  echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq </dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
echo "deps: installed ${#missing[@]} missing package(s): ${missing[*]}"
