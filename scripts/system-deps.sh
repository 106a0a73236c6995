#!/usr/bin/env bash
# Debian packages Qt needs to run (also offscreen) and the CJK fonts that make Chinese readable.
# Installs what is missing when run as root; otherwise prints the command to run.
set -euo pipefail
packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
          libxcb-render-util0 libxcb-image0 fonts-noto-cjk
          libreoffice-writer-nogui)  # .docx released copies as PDF (app/redaction/docx_support.py)
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: install Qt's libraries your own way
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "缺少系统软件包，请先运行：sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
