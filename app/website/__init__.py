"""政府网站工作年度报表 (国办函〔2018〕12号) and 政策解读 linked to its policy."""
