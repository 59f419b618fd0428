#!/usr/bin/env bash
# Installs what ForkScope needs from Debian 12's packages (only the missing ones, so running it
# again costs nothing), then configures and builds one CMake preset: dev (default), asan, tsan
# (only the ThreadSanitizer suites), release, fuzz (only the fuzz targets; scripts/fuzz.sh runs them),
# or none (the packages only).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
preset="${1:-dev}"

packages=(
    cmake ninja-build ccache g++ pkg-config
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools qt6-translations-l10n libgl-dev nlohmann-json3-dev
    xvfb xauth fonts-noto-cjk clang-format-14
)
# libFuzzer comes with clang's runtime libraries; the other presets build with g++ and skip them.
[ "$preset" != fuzz ] || packages+=(clang-14 libclang-rt-14-dev)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

[ "$preset" != none ] || exit 0 # the packages only
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
