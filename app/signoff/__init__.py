"""Sign-off (签批) by a second person with their own password, for any record and step."""
