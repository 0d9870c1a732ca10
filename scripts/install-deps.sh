#!/usr/bin/env bash
# Installs the Debian 12 packages mailscope needs to build, run and test, if any are missing.
# Run as root (or through sudo). Nothing is downloaded from anywhere but Debian's archive.
# With --test, also what only the tests need.
set -euo pipefail

packages=(
  cmake g++ make pkg-config          # build
  libpcap-dev                        # reading captures and sniffing
  nlohmann-json3-dev                 # --json output
  libcli11-dev                       # command-line options
  libtomlplusplus-dev                # lesson files are TOML
  libmimalloc-dev                    # a faster malloc for the programs (CMakeLists.txt says why)
  libimgui-dev libglfw3-dev libgl-dev libstb-dev   # the window (libimgui.a has the backends)
  libfontconfig-dev fonts-noto-cjk fonts-dejavu-core  # finding a Latin and a Japanese font
  catch2                             # tests (Catch2 2.x)
  xvfb xauth                         # the window's tests run under a virtual X server
  python3                            # live-capture tests talk to a small mail server over lo
)
if [ "${1:-}" = "--test" ]; then
  packages+=(
    tshark                           # reference reassembly for the peer-capture tests
    util-linux                       # setpriv: the unprivileged live-capture test
    clang libclang-rt-14-dev         # libFuzzer targets (scripts/fuzz.sh)
  )
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
