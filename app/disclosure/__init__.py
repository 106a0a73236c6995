"""主动公开: proactive disclosure of government information (rule B)."""
