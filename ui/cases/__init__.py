"""依申请公开 tab: case list, registration, handling, reply, archive (RULES.md section C)."""
