#!/usr/bin/env bash
# setup.sh - install the system packages nxc needs to build and test.
#
# Installs only what is missing, with apt-get, so it is cheap to run again.
set -euo pipefail

PKGS=(
  cmake ninja-build g++ make
  llvm-22 llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools
  antlr4 libantlr4-runtime-dev default-jre-headless
  libgtest-dev zlib1g-dev
  python3-numpy python3-torch
  dataset-fashion-mnist
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -ne 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# lit is shipped by llvm-22-tools as a Python module; check it can be found.
if ! [ -x /usr/lib/llvm-22/build/utils/lit/lit.py ] && ! command -v lit >/dev/null && ! [ -x /usr/lib/llvm-22/bin/lit ]; then
  echo "setup: warning: lit not found" >&2
fi
