# usage: gen.sh REV_ID MESSAGE
cd /work/main && rm -f /tmp/gen.db && /tmp/venv/bin/python - "$1" "$2" <<'PY'
import sys
from alembic import command
from app.db.engine import make_engine
from app.db.migrate import alembic_config
e = make_engine("sqlite:////tmp/gen.db")
cfg = alembic_config(e)
command.upgrade(cfg, "head")
command.revision(cfg, message=sys.argv[2], autogenerate=True, rev_id=sys.argv[1])
PY
f=$(ls app/db/migrations/versions/$1_*.py) && sed -i 's/^    # ### .*$//' "$f" && mv "$f" app/db/migrations/versions/$1.py && /tmp/venv/bin/ruff check --fix -q app/db/migrations/versions/$1.py; echo "created app/db/migrations/versions/$1.py"
