#!/usr/bin/env bash
# Rewrite constraints.txt from the working .venv after a deliberate upgrade (run the whole suite first):
# every installed distribution at its exact version, except the project itself and tools a developer
# installed for their own use (listed in LOCAL_ONLY).
set -euo pipefail
cd "$(dirname "$0")/.."
LOCAL_ONLY='^(govinfo-desk|govinfo_desk|vulture)=='
{
  echo "# The versions the test suite last passed with; scripts/test.sh, scripts/run.sh and .ci/run install with"
  echo "# '-c constraints.txt' so a fresh machine gets exactly these. Regenerate: bash scripts/update-constraints.sh"
  echo "# PySide6-Essentials stays below 6.12 (the ceiling and its reason are in pyproject.toml)."
  .venv/bin/python -m pip freeze --exclude-editable | grep -Eiv "$LOCAL_ONLY" | LC_ALL=C sort -f
} > constraints.txt
