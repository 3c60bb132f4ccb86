"""One typed settings class, read from the environment and an optional `.env` file."""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///data/briefings.db"
# The manifest's bot scopes (config/manifest.yml): what an OAuth install asks each workspace for.
DEFAULT_SCOPES = "commands,chat:write,chat:write.public,im:history,channels:history,groups:history,im:read,im:write,app_mentions:read"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # week order, as a digest's days are written
_CLOCK = re.compile(r"(\d{1,2})[:.h](\d{2})")  # 8:30, 08.30, 8h30
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_PLACEHOLDERS = {"changeme", "change-me", "xoxb-your-token", "your-signing-secret", "xapp-your-token"}


class SettingsError(Exception):
    """A setting has a value we cannot use; the message names the variable and what is allowed."""


def _env(name: str) -> AliasChoices:
    return AliasChoices(name, name.lower())


class Settings(BaseSettings):
    """Everything the deployer can set. Names are a contract: see config/.env.example."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    corpus_dir: Path = Field(Path("seeds"), validation_alias=_env("BRIEFINGS_CORPUS_DIR"))
    database_url: str = Field(DEFAULT_DATABASE_URL, validation_alias=_env("BRIEFINGS_DATABASE_URL"))
    log_level: str = Field("INFO", validation_alias=_env("BRIEFINGS_LOG_LEVEL"))
    max_file_bytes: int = Field(2_000_000, gt=0, validation_alias=_env("BRIEFINGS_MAX_FILE_BYTES"))

    slack_bot_token: SecretStr | None = Field(None, validation_alias=_env("SLACK_BOT_TOKEN"))
    slack_signing_secret: SecretStr | None = Field(None, validation_alias=_env("SLACK_SIGNING_SECRET"))
    slack_app_token: SecretStr | None = Field(None, validation_alias=_env("SLACK_APP_TOKEN"))
    slack_api_url: str | None = Field(None, validation_alias=_env("SLACK_API_URL"))
    # Installing to many workspaces (OAuth): the app's credentials (Basic Information) and the bot scopes it asks for.
    slack_client_id: str | None = Field(None, validation_alias=_env("SLACK_CLIENT_ID"))
    slack_client_secret: SecretStr | None = Field(None, validation_alias=_env("SLACK_CLIENT_SECRET"))
    slack_scopes: str = Field(DEFAULT_SCOPES, validation_alias=_env("SLACK_SCOPES"))

    port: int = Field(3000, ge=1, le=65535, validation_alias=_env("BRIEFINGS_PORT"))
    host: str = Field("127.0.0.1", validation_alias=_env("BRIEFINGS_HOST"))
    digest_channel: str | None = Field(None, validation_alias=_env("BRIEFINGS_DIGEST_CHANNEL"))
    digest_time: str = Field("08:00", validation_alias=_env("BRIEFINGS_DIGEST_TIME"))
    timezone: str = Field("UTC", validation_alias=_env("BRIEFINGS_TIMEZONE"))
    digest_days: str = Field("mon-fri", validation_alias=_env("BRIEFINGS_DIGEST_DAYS"))
    digest_skip_empty: bool = Field(False, validation_alias=_env("BRIEFINGS_DIGEST_SKIP_EMPTY"))
    digest_grace_minutes: int = Field(180, ge=0, validation_alias=_env("BRIEFINGS_DIGEST_GRACE_MINUTES"))
    rescan_minutes: float = Field(5.0, ge=0, validation_alias=_env("BRIEFINGS_RESCAN_MINUTES"))
    feeds: str = Field("", validation_alias=_env("BRIEFINGS_FEEDS"))
    allow_private_urls: bool = Field(False, validation_alias=_env("BRIEFINGS_ALLOW_PRIVATE_URLS"))
    fetch_timeout: float = Field(15.0, gt=0, le=300, validation_alias=_env("BRIEFINGS_FETCH_TIMEOUT"))

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.upper() not in _LEVELS:
            raise ValueError(f"must be one of {', '.join(_LEVELS)}")
        return value.upper()

    @field_validator("digest_time")
    @classmethod
    def _time(cls, value: str) -> str:
        return parse_time(value)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        return validate_timezone(value)

    @field_validator("digest_days")
    @classmethod
    def _days(cls, value: str) -> str:
        parse_days(value)
        return value.strip().lower()

    @field_validator("slack_client_id")
    @classmethod
    def _client_id(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("slack_scopes")
    @classmethod
    def _scopes(cls, value: str) -> str:
        scopes = [s.strip() for s in value.replace(" ", ",").split(",") if s.strip()]
        if not scopes or any(not re.fullmatch(r"[a-z_]+(:[a-z_.]+)*", s) for s in scopes):
            raise ValueError("must be Slack bot scopes separated by commas, like commands,chat:write,im:history")
        return ",".join(scopes)

    @field_validator("slack_bot_token", "slack_signing_secret", "slack_app_token", "slack_client_secret")
    @classmethod
    def _no_placeholder(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value().strip().lower() in _PLACEHOLDERS:
            raise ValueError("is still the placeholder from .env.example; set the real value or leave it unset")
        if value is not None and not value.get_secret_value().strip():
            return None
        return value

    @field_validator("feeds")
    @classmethod
    def _feeds(cls, value: str) -> str:
        for url in parse_feeds(value):
            if not re.match(r"^https?://[^\s/]+", url):
                raise ValueError(f"must be comma-separated http(s) URLs; {url!r} is not one")
        return value

    @property
    def feed_urls(self) -> list[str]:
        """The feed URLs of BRIEFINGS_FEEDS, in order, without repeats."""
        return parse_feeds(self.feeds)

    @property
    def oauth(self) -> bool:
        """True when the app installs to many workspaces (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set)."""
        return bool(self.slack_client_id and self.slack_client_secret)

    @property
    def scopes(self) -> list[str]:
        """The bot scopes an OAuth install asks for."""
        return self.slack_scopes.split(",")

    @property
    def digest_weekdays(self) -> list[str]:
        """The digest days as three-letter names, in week order."""
        return parse_days(self.digest_days)


def validate_timezone(value: str) -> str:
    """Return an IANA zone name unchanged, or raise ValueError saying what is allowed."""
    name = value.strip()
    if "/" not in name and name.upper() != "UTC":
        raise ValueError(f"must be an IANA time zone name such as Asia/Seoul or America/New_York, not {name!r}")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"must be an IANA time zone name such as Asia/Seoul or America/New_York, not {name!r}") from None
    return name


def parse_feeds(value: str) -> list[str]:
    """`https://a/feed.xml, https://b/rss` -> the URLs, in order, without repeats."""
    return list(dict.fromkeys(u.strip() for u in value.split(",") if u.strip()))


def looks_like_time(value: str) -> bool:
    """Whether a word is written as a time of day (`8:30`, `08.30`, `8h30`), in range or not."""
    return _CLOCK.fullmatch(value.strip()) is not None


def parse_time(value: str) -> str:
    """`8:30`, `08.30` or `8h30` -> `08:30`; ValueError unless it is a 24-hour time from 00:00 to 23:59."""
    match = _CLOCK.fullmatch(value.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError("must be a 24-hour time HH:MM, from 00:00 to 23:59")
    return f"{int(match[1]):02d}:{match[2]}"


def hour_minute(time: str) -> tuple[int, int]:
    """`08:30` (as `parse_time` writes it) -> (8, 30)."""
    hour, minute = time.split(":")
    return int(hour), int(minute)


def parse_days(value: str) -> list[str]:
    """Parse `mon-fri`, `mon,wed,fri`, `daily` or `*` into day names, or raise ValueError."""
    text = value.strip().lower()
    if text in ("daily", "*", "all", "mon-sun"):
        return list(DAYS)
    days: list[str] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        ends = part.split("-")
        if any(e not in DAYS for e in ends) or len(ends) > 2:
            raise ValueError("must be days like mon-fri, mon,wed,fri or daily")
        start, stop = DAYS.index(ends[0]), DAYS.index(ends[-1])
        if stop < start:
            raise ValueError("must be days like mon-fri, mon,wed,fri or daily (a range runs forward)")
        days.extend(d for d in DAYS[start : stop + 1] if d not in days)
    if not days:
        raise ValueError("must name at least one day, like mon-fri or daily")
    return [d for d in DAYS if d in days]


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning a validation error into one line per bad variable."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            field = str(problem["loc"][0]) if problem["loc"] else "?"
            name = _variable_name(field)
            message = str(problem["msg"]).removeprefix("Value error, ")
            lines.append(f"{name} {message}")
        raise SettingsError("; ".join(lines)) from None


def settings_or_complaint() -> Settings | None:
    """The settings, or None after one line on stderr saying which variable is wrong (the entry points exit 2)."""
    try:
        return load_settings()
    except SettingsError as error:
        print(f"briefings: configuration error: {error}", file=sys.stderr)
        return None


def configure_logging(settings: Settings) -> None:
    """Log to stderr at BRIEFINGS_LOG_LEVEL, one line a record (every entry point logs alike)."""
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _variable_name(field: str) -> str:
    alias = Settings.model_fields.get(field)
    if alias is not None and isinstance(alias.validation_alias, AliasChoices):
        return str(alias.validation_alias.choices[0])
    return field.upper()
