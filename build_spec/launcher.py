"""Entry point of the PyInstaller bundle: the same `main()` as the `govinfo-desk` console script."""

from __future__ import annotations

from app.cli import main

raise SystemExit(main())
