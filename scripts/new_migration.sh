#!/usr/bin/env bash
# Autogenerate the next Alembic migration from the models: scripts/new_migration.sh 0003_name "message"
# Review the generated file before committing: autogenerate misses renames and data moves.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-.venv/bin/python}
tmp=$(mktemp -d)
"$py" - "$1" "$2" "$tmp/gen.db" <<'PY'
import sys
from alembic import command
from app.db.engine import make_engine
from app.db.migrate import alembic_config
cfg = alembic_config(make_engine(f"sqlite:///{sys.argv[3]}"))
command.upgrade(cfg, "head")
command.revision(cfg, message=sys.argv[2], autogenerate=True, rev_id=sys.argv[1])
PY
f=$(ls app/db/migrations/versions/"$1"_*.py)
sed -i 's/^    # ### .*$//' "$f"
mv "$f" app/db/migrations/versions/"$1".py
rm -rf "$tmp"
echo "created app/db/migrations/versions/$1.py"
