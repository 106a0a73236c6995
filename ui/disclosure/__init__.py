"""主动公开 tab: the register of disclosure items, their workflow, the catalogue and the yearly figures."""
