"""统计报表 tab: the annual report and the monthly/quarterly statistics."""
