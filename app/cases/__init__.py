"""依申请公开: request cases from intake to archive."""
