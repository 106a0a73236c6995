#!/usr/bin/env bash
# Install the project into .venv and start the desktop program on its embedded SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -c constraints.txt -e .
exec .venv/bin/govinfo-desk "$@"
