"""Run modes, the Web API client's wiring, and the corpus rescan that makes new articles answerable without a restart."""

from __future__ import annotations

import shutil

import pytest
from slack_sdk.http_retry import RateLimitErrorRetryHandler
from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler

from bot.app import build_app
from bot.runner import mode
from bot.scheduler import DigestScheduler
from bot.services import build_client, build_services
from config.settings import Settings
from tests.bot.conftest import make_settings, start_bot
from tests.conftest import ROOT


def _settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)


def test_the_settings_choose_the_run_mode():
    assert mode(_settings(SLACK_APP_TOKEN="xapp-1", SLACK_BOT_TOKEN="xoxb-1")) == "socket"
    assert mode(_settings(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s")) == "http"
    assert mode(_settings(SLACK_BOT_TOKEN="xoxb-1")) == "local"
    assert mode(_settings()) == "local"


def test_every_web_api_call_goes_to_slack_api_url_with_retries_for_429_and_5xx():
    client = build_client(_settings(SLACK_BOT_TOKEN="xoxb-1", SLACK_API_URL="http://127.0.0.1:9/api"))
    assert client.base_url == "http://127.0.0.1:9/api/"
    kinds = {type(h) for h in client.retry_handlers}
    assert {RateLimitErrorRetryHandler, ServerErrorRetryHandler} <= kinds
    assert build_client(_settings(SLACK_BOT_TOKEN="xoxb-1")).base_url == "https://slack.com/api/"


def test_http_mode_refuses_to_run_without_a_signing_secret(workspace, database_url, indexed_seeds):
    settings = make_settings(workspace, database_url, indexed_seeds[0]).model_copy(update={"slack_signing_secret": None})
    services = build_services(settings)
    with pytest.raises(ValueError, match="SLACK_SIGNING_SECRET"):
        build_app(settings, services)
    assert build_app(settings, services, socket_mode=True) is not None  # Socket Mode needs no signing
    assert workspace.calls_to("auth.test")  # auth.test went to SLACK_API_URL, not to Slack
    services.core.db.close()


def test_the_rescan_indexes_what_changed_and_answers_from_it_without_a_restart(workspace, database_url, indexed_seeds, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(indexed_seeds[0], corpus)
    bot = start_bot(workspace, database_url, corpus)
    try:
        scheduler = DigestScheduler(bot.services)
        assert bot.core.stats().articles == 5
        moved = sorted(corpus.iterdir())[-1]
        shutil.move(moved, tmp_path / moved.name)
        scheduler.rescan()
        assert bot.core.stats().articles == 4 and bot.services.ready.is_set()
        shutil.move(tmp_path / moved.name, corpus / moved.name)
        scheduler.rescan()
        assert bot.core.stats().articles == 5
        assert bot.core.who("Kirby").status == "found"
    finally:
        bot.server.close()
        bot.core.db.close()


def test_the_configured_digest_channel_is_subscribed_once_and_an_unsubscribe_sticks(workspace, database_url, indexed_seeds):
    settings = make_settings(workspace, database_url, indexed_seeds[0], digest_channel="C0GENERAL", timezone="Asia/Seoul")
    services = build_services(settings)
    sub = services.subscriptions.get("C0GENERAL")
    assert (sub.time, sub.timezone, sub.days) == ("08:00", "Asia/Seoul", "mon-fri")
    services.subscriptions.unsubscribe("C0GENERAL")
    assert build_services(settings, core=services.core).subscriptions.get("C0GENERAL") is None  # a restart does not undo it
    services.core.db.close()


def test_the_manifest_declares_what_the_bot_needs():
    text = (ROOT / "config" / "manifest.yml").read_text()
    for needed in (
        "command: /who",
        "command: /event",
        "command: /briefing",
        "- message.im",
        "- app_mention",
        "- app_home_opened",
        "- commands",
        "- chat:write",
        "- im:history",
        "- app_mentions:read",
        "messages_tab_enabled: true",
        "messages_tab_read_only_enabled: false",
        "home_tab_enabled: true",
        "socket_mode_enabled: true",
    ):
        assert needed in text, needed
    assert "is_enabled: true" in text.split("interactivity:")[1]


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"SLACK_APP_TOKEN": "xapp-1-A-1-abc"}, "Socket Mode needs SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1-2-3"}, "SLACK_BOT_TOKEN is set, but Slack needs"),
        ({"SLACK_SIGNING_SECRET": "abc123"}, "SLACK_SIGNING_SECRET is set, but Slack needs"),
    ],
)
def test_half_a_slack_configuration_is_a_clear_error(variables, expected, tmp_path):
    from bot.runner import ConfigurationError, serve

    settings = Settings(_env_file=None, BRIEFINGS_DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}", **variables)
    with pytest.raises(ConfigurationError, match=expected):
        serve(settings)
