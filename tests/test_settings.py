"""Settings: defaults, the contract's variable names, and one clear line for a bad value."""

from __future__ import annotations

import pytest

from config import SettingsError, load_settings

CONTRACT = [
    "BRIEFINGS_CORPUS_DIR", "BRIEFINGS_DATABASE_URL", "BRIEFINGS_LOG_LEVEL", "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL", "BRIEFINGS_PORT",
    "BRIEFINGS_DIGEST_CHANNEL", "BRIEFINGS_DIGEST_TIME", "BRIEFINGS_TIMEZONE", "BRIEFINGS_DIGEST_DAYS",
]  # fmt: skip


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in CONTRACT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults():
    s = load_settings()
    assert str(s.corpus_dir) == "seeds"
    assert s.database_url.startswith("sqlite:///data/")
    assert s.port == 3000
    assert s.digest_weekdays == ["mon", "tue", "wed", "thu", "fri"]


def test_environment_and_dotenv_are_read(monkeypatch, tmp_path):
    (tmp_path / ".env").write_text("BRIEFINGS_DIGEST_TIME=7:05\nBRIEFINGS_TIMEZONE=Asia/Seoul\nSLACK_BOT_TOKEN=xoxb-1-2\n")
    monkeypatch.setenv("BRIEFINGS_PORT", "8080")
    s = load_settings()
    assert (s.port, s.digest_time, s.timezone) == (8080, "07:05", "Asia/Seoul")
    assert s.slack_bot_token.get_secret_value() == "xoxb-1-2"
    assert "xoxb-1-2" not in repr(s)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("BRIEFINGS_DIGEST_TIME", "25:00", "BRIEFINGS_DIGEST_TIME must be a 24-hour time HH:MM"),
        ("BRIEFINGS_TIMEZONE", "Mars/Base", "BRIEFINGS_TIMEZONE must be an IANA time zone name"),
        ("BRIEFINGS_TIMEZONE", "KST", "BRIEFINGS_TIMEZONE must be an IANA time zone name"),
        ("BRIEFINGS_DIGEST_DAYS", "weekdays", "BRIEFINGS_DIGEST_DAYS must be days like mon-fri"),
        ("BRIEFINGS_PORT", "99999", "BRIEFINGS_PORT"),
        ("BRIEFINGS_LOG_LEVEL", "loud", "BRIEFINGS_LOG_LEVEL must be one of"),
        ("SLACK_BOT_TOKEN", "xoxb-your-token", "SLACK_BOT_TOKEN is still the placeholder"),
    ],
)
def test_bad_values_stop_with_one_line_naming_the_variable(monkeypatch, name, value, expected):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert expected in str(error.value)
    assert "\n" not in str(error.value)


def test_env_example_documents_every_contract_variable():
    from tests.conftest import ROOT

    example = (ROOT / "config" / ".env.example").read_text()
    for name in CONTRACT:
        assert f"{name}=" in example, name
