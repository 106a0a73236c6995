"""年度报告: the statutory annual report computed from the records (国办公开办函〔2021〕30号)."""
