#!/usr/bin/env bash
# Build the one-folder program (dist/govinfo-desk/) with PyInstaller, then smoke-check the result.
#   bash scripts/build_bundle.sh            # SQLite only: the bundle never opens a network connection
#   EXTRAS=bundle,postgres bash scripts/build_bundle.sh   # also the PostgreSQL driver (docs/postgres.md)
# See docs/bundle.md (Windows: the same steps in PowerShell).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# Editable, as scripts/test.sh and run.sh install it; the bundle's version comes from its metadata.
.venv/bin/python -m pip install -q -c constraints.txt -e ".[${EXTRAS:-bundle}]"
rm -rf build/pyinstaller dist/govinfo-desk
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller build_spec/govinfo_desk.spec
.venv/bin/python build_spec/smoke_check.py dist/govinfo-desk
du -sh dist/govinfo-desk
