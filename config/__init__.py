"""Typed settings and the deployer's files (Slack manifest, .env example)."""

from config.settings import Settings, SettingsError, configure_logging, load_settings

__all__ = ["Settings", "SettingsError", "configure_logging", "load_settings"]
