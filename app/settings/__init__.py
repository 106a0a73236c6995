"""Every setting the office can change, declared once with its type, default and Chinese label."""

from app.settings.registry import SETTINGS, SettingDef, all_settings, get_setting, set_setting

__all__ = ["SETTINGS", "SettingDef", "all_settings", "get_setting", "set_setting"]
