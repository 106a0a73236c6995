"""Moving and backing up the whole database: migrate-db (SQLite → PostgreSQL and back) and the
PostgreSQL backup/restore behind `govinfo-desk backup` / `restore`."""
