"""Typed settings and the deployer's files (Slack manifest, .env example)."""

from config.settings import Settings, SettingsError, configure_logging, load_settings, settings_or_complaint

__all__ = ["Settings", "SettingsError", "configure_logging", "load_settings", "settings_or_complaint"]
