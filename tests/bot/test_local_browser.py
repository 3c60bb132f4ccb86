"""The local workspace page in a real headless Chromium (Debian's), driven by Playwright: what a person sees and clicks."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.local.run import LocalBot
from briefings.service import Briefings

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    """Debian's Chromium (the machine cannot download Playwright's own browsers)."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A headless Chromium with a fresh profile, or a skip saying how to install one."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is missing: run `make setup-dev`")
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium: `make setup-dev` installs Debian's chromium (as root), or run `apt-get install chromium`")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1100, "height": 800},
        )
        yield context
        context.close()


@pytest.fixture
def page(chromium, local: LocalBot):
    page = chromium.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    page.set_default_timeout(10_000)
    page.goto(local.url)
    page.get_by_role("heading", name="#general").wait_for()
    yield page
    page.close()


def type_and_send(page, text: str) -> None:
    box = page.locator("#composer-input")
    box.fill(text)
    box.press("Enter")


def needs_core(name: str) -> None:
    if not hasattr(Briefings, name):
        pytest.skip(f"the core's {name}() is not built yet: this step waits for it")


def test_a_command_answer_is_marked_only_visible_to_you(page):
    type_and_send(page, "/briefing help")
    answer = page.locator("article.msg.ephemeral").last
    answer.wait_for()
    assert "Only visible to you" in answer.inner_text()
    assert answer.locator("code").count() >= 1, "mrkdwn `code` is rendered"
    assert page.locator("#composer-input").input_value() == ""


def test_typed_markup_shows_as_text(page, local):
    page.get_by_role("button", name="Briefings", exact=True).click()
    page.get_by_role("heading", name="Briefings").wait_for()
    type_and_send(page, "<script>alert(1)</script> <!channel> *bold*")
    mine = page.get_by_role("article", name="You").filter(has_text="<script>alert(1)</script>")
    mine.wait_for()
    page.get_by_role("article", name="Briefings").last.wait_for()  # the bot's answer, which may echo the query
    assert "<!channel>" in mine.inner_text()
    assert mine.locator("b").inner_text() == "bold"
    assert page.locator("#messages script").count() == 0
    assert page.dialogs == []


def test_home_tab_renders_the_published_view(page):
    page.locator("#home-link").click()
    page.locator("#home .blocks").wait_for()
    assert page.locator("#home").inner_text().strip()


def test_keyboard_only_sends_and_buttons_take_focus(page):
    page.locator("#composer-input").focus()
    page.keyboard.type("/briefing help")
    page.keyboard.press("Enter")
    page.locator("article.msg.ephemeral").last.wait_for()
    page.locator("#digest-now").focus()
    assert page.evaluate("document.activeElement.id") == "digest-now"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"


def test_narrow_window_has_no_sideways_scroll(page):
    page.set_viewport_size({"width": 360, "height": 740})
    type_and_send(page, "/briefing help")
    page.locator("article.msg.ephemeral").last.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.locator("#composer-input").is_visible()


def test_an_unreachable_bot_shows_a_banner(page, local):
    local.workspace.events_url = "http://127.0.0.1:9/slack/events"
    type_and_send(page, "/briefing help")
    banner = page.get_by_role("alert")
    banner.wait_for()
    assert "not reachable" in banner.inner_text()


def test_who_kirby_shows_his_card(page):
    needs_core("who")
    type_and_send(page, "/who Kirby")
    card = page.locator("article.msg.ephemeral", has_text="John Kirby")
    card.wait_for()
    assert card.locator(".bk-header, .bk-section").count() >= 1
    card.get_by_role("button", name="Share in channel").click()
    page.locator("article.msg:not(.ephemeral) .bk-header", has_text="John Kirby").wait_for()
    page.locator("article.msg.ephemeral", has_text="John Kirby").wait_for(state="detached")


def test_who_kim_offers_candidates_and_a_click_shows_one(page, local):
    needs_core("who")
    type_and_send(page, "/who Kim")
    answer = page.locator("article.msg.ephemeral").last
    choices = answer.locator(".bk-section:has(button)")
    choices.first.wait_for()
    assert choices.count() >= 2, "an ambiguous name offers several people"
    name = choices.nth(1).locator("b").first.inner_text()
    choices.nth(1).get_by_role("button").click()
    page.locator("article.msg.ephemeral .bk-header", has_text=name).wait_for()
    assert page.locator("article.msg.ephemeral").count() == 1, "the choice replaced the question"


def test_post_the_digest_now_shows_it_in_the_channel(page, local, tmp_path):
    page.get_by_role("button", name="Post the digest now").click()
    page.get_by_role("status").filter(has_text="Digest").wait_for()
    posted = page.locator("#messages article.msg:not(.ephemeral)").first
    posted.wait_for()
    assert posted.locator(".bk-header").count() == 1
    if local.workspace.messages()[0].get("reply_count"):
        page.locator("#messages .thread article.msg").first.wait_for()
    page.screenshot(path=str(tmp_path / "digest.png"), full_page=True)


def test_block_kit_renders_like_slack_and_stays_inert(page, local):
    from slack_sdk import WebClient

    ws = local.workspace
    client = WebClient(token=ws.bot_token, base_url=ws.api_url)
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "John Kirby <b>"}},
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*bold* _italic_ ~strike~ `code` <https://example.com/a?b=1&amp;c=2|a link> <javascript:alert(1)|bad>\n"
                "> a quote\n• first\n• second\n&lt;script&gt;alert(2)&lt;/script&gt; &lt;!channel&gt; <!here>",
            },
            "accessory": {"type": "button", "text": {"type": "plain_text", "text": "More"}, "action_id": "more", "value": "1"},
        },
        {"type": "section", "fields": [{"type": "mrkdwn", "text": "*Role*\nspokesman"}, {"type": "mrkdwn", "text": "*Articles*\n3"}]},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "Yonhap · November 9, 2023"}]},
        {"type": "divider"},
        {
            "type": "actions",
            "elements": [
                {"type": "button", "text": {"type": "plain_text", "text": "Share in channel"}, "action_id": "share", "style": "primary"}
            ],
        },
    ]
    client.chat_postMessage(channel=ws.general, text="John Kirby", blocks=blocks)
    card = page.locator("#messages article.msg").last
    card.locator(".bk-header").wait_for()
    assert card.locator(".bk-header").inner_text() == "John Kirby <b>"
    assert card.locator("b").first.inner_text() == "bold"
    assert card.locator("i").first.inner_text() == "italic"
    assert card.locator("s").first.inner_text() == "strike"
    assert card.locator("code").first.inner_text() == "code"
    assert card.locator("a", has_text="a link").get_attribute("href") == "https://example.com/a?b=1&c=2"
    assert card.locator("a", has_text="bad").count() == 0, "only http(s) and mailto links become links"
    assert card.locator("blockquote").inner_text() == "a quote"
    assert card.locator(".li").count() == 2
    assert "<script>alert(2)</script> <!channel>" in card.inner_text()
    assert card.locator(".mention.loud").inner_text() == "@here"
    assert card.locator(".bk-fields > *").count() == 2
    assert card.locator(".bk-context").inner_text() == "Yonhap · November 9, 2023"
    assert card.locator("hr.bk-divider").count() == 1
    assert card.locator(".bk-section button.bk-button").inner_text() == "More"
    assert card.locator(".bk-actions button.primary").inner_text() == "Share in channel"
    assert card.locator("script").count() == 0 and page.dialogs == []


def test_thread_replies_show_under_their_parent_and_a_reply_mentions_the_bot(page, local):
    from slack_sdk import WebClient

    ws = local.workspace
    client = WebClient(token=ws.bot_token, base_url=ws.api_url)
    parent = client.chat_postMessage(channel=ws.general, text="Briefing: 2 stories")
    for n in (1, 2):
        client.chat_postMessage(channel=ws.general, text=f"story {n}", thread_ts=parent["ts"])
    thread = page.locator("#messages .thread")
    thread.locator("article.msg", has_text="story 2").wait_for()
    assert thread.locator("article.msg").count() == 2
    assert page.get_by_role("button", name="Hide 2 replies").get_attribute("aria-expanded") == "true"
    box = thread.get_by_role("textbox", name="Reply in thread")
    box.fill("@briefings help")
    box.press("Enter")
    thread.get_by_role("article", name="You").wait_for()
    # The page shows the message as soon as it is stored; its events reach the bot just after.
    delivery = ws.wait_for(lambda w: next((d for d in w.deliveries if d.payload["event"]["type"] == "app_mention"), None))
    event = delivery.payload["event"]
    assert event["thread_ts"] == parent["ts"]
    thread.locator("article.msg").nth(3).wait_for()  # the bot answers in the thread
