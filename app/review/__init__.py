"""发布审核: publishing review."""
