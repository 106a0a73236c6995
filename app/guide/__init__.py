"""政府信息公开指南 (issue 18): the guide and the request form made from the office's settings,
the editions exported and published, and the dashboard reminder when a published guide is stale."""
