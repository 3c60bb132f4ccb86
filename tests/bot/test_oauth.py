"""Installing to many workspaces: the real OAuth redirect over HTTP, each team answered with its own token, uninstalls.

Two workspaces on one loopback Slack (the local workspace fake, with `oauth.v2.access`); the bot runs
with SLACK_CLIENT_ID / SLACK_CLIENT_SECRET and no bot token, on a database of each engine.
"""

from __future__ import annotations

import html
import re
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.bootstrap import bootstrap
from bot.local.workspace import Workspace, serve_workspace
from bot.runner import ConfigurationError, serve
from bot.scheduler import DigestScheduler
from bot.server import HttpServer, Router
from bot.services import Services, build_services
from bot.state.tables import DigestPostRow
from config.settings import Settings
from tests.bot.conftest import Clock
from tests.conftest import ROOT

CLIENT_ID, CLIENT_SECRET = "1234567890.0987654321", "an-oauth-client-secret"


@dataclass
class MultiBot:
    """The bot in OAuth mode and the two workspaces of one Slack."""

    first: Workspace
    second: Workspace
    services: Services
    server: HttpServer
    clock: Clock


@pytest.fixture
def multi(database_url: str, indexed_seeds: tuple[Path, Path]) -> Iterator[MultiBot]:
    first = Workspace()
    second = Workspace(team_id="T0SECOND2", team_domain="second", signing_secret=first.signing_secret)
    for ws in (first, second):
        ws.oauth_client = (CLIENT_ID, CLIENT_SECRET)
    slack = serve_workspace(first, page=False, others=[second])
    settings = Settings(
        _env_file=None,
        SLACK_CLIENT_ID=CLIENT_ID,
        SLACK_CLIENT_SECRET=CLIENT_SECRET,
        SLACK_SIGNING_SECRET=first.signing_secret,
        SLACK_API_URL=first.api_url,
        BRIEFINGS_DATABASE_URL=database_url,
        BRIEFINGS_CORPUS_DIR=str(indexed_seeds[0]),
        BRIEFINGS_RESCAN_MINUTES=0,
    )
    clock = Clock()
    bot = bootstrap(settings, services=build_services(settings, now=clock), scheduler=False, wait=True)
    services = bot.services
    server = HttpServer(Router(bot.app, services.ready), "127.0.0.1", 0).start()
    for ws in (first, second):
        ws.events_url = server.url + "/slack/events"
    yield MultiBot(first, second, services, server, clock)
    server.close()
    slack.stop()
    services.core.db.close()


def install(bot_url: str, ws: Workspace) -> str:
    """Go through the install as a person does: the Add to Slack page, Allow on Slack, the redirect back."""
    with urllib.request.urlopen(bot_url + "/slack/install", timeout=10) as page:
        assert page.status == 200
        cookie = page.headers["Set-Cookie"].split(";")[0]
        link = html.unescape(re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', page.read().decode())[1])
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)
    assert query["client_id"] == [CLIENT_ID] and "chat:write" in query["scope"][0].split(",")
    code = ws.approve_install(query["client_id"][0], query["scope"][0])
    redirect = f"{bot_url}/slack/oauth_redirect?" + urllib.parse.urlencode({"code": code, "state": query["state"][0]})
    with urllib.request.urlopen(urllib.request.Request(redirect, headers={"Cookie": cookie}), timeout=10) as done:
        assert done.status == 200
        return done.read().decode()


def _answer(ws: Workspace, command: str, text: str, channel: str | None = None) -> str:
    before = len(ws.ephemerals())
    assert ws.send_command(command, text, channel=channel).status == 200
    return ws.wait_for(lambda w: len(w.ephemerals()) > before and w.ephemerals()[-1], timeout=10)["text"]


def test_a_second_workspace_installs_over_http_and_is_answered_with_its_own_token(multi):
    second = multi.second
    assert "reinstall" in _answer(second, "/who", "Kirby").lower()  # not installed yet: Bolt says so
    assert "Thank you" in install(multi.server.url, second)
    [exchange] = [c for c in second.calls if c.method == "oauth.v2.access"]
    assert exchange.error is None and "client_secret" not in exchange.params

    assert "John Kirby" in _answer(second, "/who", "Kirby")
    # Bolt authorised the request with the team's token: auth.test reached this workspace, with its token
    assert any(c.method == "auth.test" and c.error is None for c in second.calls)
    # and a DM answer is posted with it (a wrong token would be refused with invalid_auth)
    second.send_message("who is Kirby?")
    reply = second.wait_for(lambda w: [m for m in w.messages(w.dm) if m.get("user") == w.bot_user_id], timeout=10)
    assert "John Kirby" in str(reply[-1])
    assert not [c for c in second.calls if c.error == "invalid_auth"]
    assert [t.team_id for t in multi.services.installations.teams()] == ["T0SECOND2"]


def test_each_workspace_gets_its_own_subscriptions_and_digests(multi):
    first, second = multi.first, multi.second
    install(multi.server.url, first)
    install(multi.server.url, second)
    newsroom = second.add_channel("newsroom")
    assert "11:30" in _answer(first, "/briefing", "subscribe 11:30 UTC")
    assert "11:45" in _answer(second, "/briefing", "subscribe 11:45 UTC", channel=newsroom)
    assert [s.channel for s in multi.services.for_team(second.team_id).subscriptions.all()] == [newsroom]
    assert [s.channel for s in multi.services.for_team(first.team_id).subscriptions.all()] == [first.general]

    outcomes = DigestScheduler(multi.services).sweep()  # the clock is 12:00 UTC on a Thursday
    assert sorted((o.status, o.channel) for o in outcomes) == sorted([("sent", first.general), ("sent", newsroom)])
    for ws, channel in ((first, first.general), (second, newsroom)):
        posted = [m for m in ws.messages(channel) if m.get("user") == ws.bot_user_id]
        assert len(posted) == 1 and "Briefing" in posted[0]["text"]
    assert not [m for m in second.messages(second.general) if m.get("user") == second.bot_user_id]


def _both_installed_second_subscribed(multi: MultiBot) -> str:
    """Both workspaces install the app and the second's #newsroom subscribes; the channel's id."""
    install(multi.server.url, multi.first)
    install(multi.server.url, multi.second)
    newsroom = multi.second.add_channel("newsroom")
    _answer(multi.second, "/briefing", "subscribe 11:30 UTC", channel=newsroom)
    return newsroom


def test_uninstalling_removes_the_workspaces_installation_subscriptions_and_pending_digests(multi):
    first, second = multi.first, multi.second
    newsroom = _both_installed_second_subscribed(multi)
    _answer(first, "/briefing", "subscribe 11:30 UTC")
    with multi.services.core.db.session() as s, s.begin():  # a digest a replica claimed and has not posted yet
        s.add(DigestPostRow(channel=newsroom, digest_key="2023-11-09", status="failed", claimed_by="gone:1"))

    assert second.uninstall().status == 200
    assert [t.team_id for t in multi.services.installations.teams()] == [first.team_id]
    assert multi.services.for_team(second.team_id).subscriptions.all() == []
    with multi.services.core.db.session() as s:
        assert s.scalars(select(DigestPostRow).where(DigestPostRow.channel == newsroom)).all() == []
    assert "reinstall" in _answer(second, "/who", "Kirby").lower()
    # the other workspace keeps everything
    assert [s.channel for s in multi.services.for_team(first.team_id).subscriptions.all()] == [first.general]
    assert "John Kirby" in _answer(first, "/who", "Kirby")


def test_revoking_the_bot_token_removes_that_workspace_and_revoking_a_user_token_keeps_it(multi):
    first, second = multi.first, multi.second
    _both_installed_second_subscribed(multi)

    assert second.revoke_tokens(bot=False, users=[second.user_id]).status == 200  # only a person's token: the app still works
    assert sorted(t.team_id for t in multi.services.installations.teams()) == sorted([first.team_id, second.team_id])
    assert "John Kirby" in _answer(second, "/who", "Kirby")

    assert second.revoke_tokens(bot=True).status == 200
    assert [t.team_id for t in multi.services.installations.teams()] == [first.team_id]
    assert multi.services.for_team(second.team_id).subscriptions.all() == []
    assert "reinstall" in _answer(second, "/who", "Kirby").lower()
    assert "John Kirby" in _answer(first, "/who", "Kirby")


def test_the_manifest_asks_for_the_scopes_the_install_asks_for_and_the_uninstall_events():
    manifest = (ROOT / "config" / "manifest.yml").read_text()
    bot_scopes = re.search(r"scopes:\n    bot:\n((?:      - .*\n)+)", manifest)[1]
    assert [line.split()[1] for line in bot_scopes.splitlines()] == Settings(_env_file=None).scopes
    for needed in ("- app_uninstalled", "- tokens_revoked", "/slack/oauth_redirect"):
        assert needed in manifest, needed


@pytest.mark.parametrize(
    ("variables", "complaint"),
    [
        ({"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_SIGNING_SECRET": "s3cret"}, "needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET"),
        ({"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": CLIENT_SECRET}, "set SLACK_SIGNING_SECRET"),
        (
            {"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": CLIENT_SECRET, "SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1"},
            "unset SLACK_BOT_TOKEN",
        ),
    ],
)
def test_an_incomplete_oauth_configuration_is_refused_with_what_to_set(variables, complaint, tmp_path):
    settings = Settings(_env_file=None, BRIEFINGS_DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}", **variables)
    with pytest.raises(ConfigurationError, match=complaint):
        serve(settings)
    assert CLIENT_SECRET not in repr(settings)
