"""An in-memory Slack workspace: the Web API the bot calls, and the signed requests Slack sends the bot.

This is the one fake of Slack in the project: the tests use it, and `briefings serve --local` runs the
real bot against it behind a web page. `Workspace` is put together from one module per seam: its state
(`bot.local.state`), the Web API and response_urls it serves (`bot.local.webapi`), what Slack sends the bot
(`bot.local.senders`), the Block Kit checker (`bot.local.blockkit`) and serving it on the bot's own HTTP
server (`bot.local.serving`). Its public names are stable and importable from here:

- `Workspace(bot_token=..., signing_secret=..., events_url=None)`: the state of one workspace
  (team `T0LOCAL01`, the bot user `ws.bot_user_id`, one human `ws.user_id`, `#general` as
  `ws.general`, the human's DM with the bot `ws.dm`), threads, messages, ephemerals, App Home views.
  - Web API (served at `/api/<method>`, form-encoded or JSON, `Authorization: Bearer <bot_token>`):
    `auth.test`, `chat.postMessage`, `chat.postEphemeral`, `chat.update`, `chat.delete`,
    `views.publish`, `conversations.open`, `conversations.info`, `users.info`. Blocks are checked
    against Block Kit's limits and a bad message gets `invalid_blocks`, as Slack answers.
  - `response_url`s (served at `/response/<id>`): `replace_original`, `delete_original`,
    `response_type` `ephemeral`/`in_channel`, `thread_ts`; 5 uses each, 30 minutes. For a
    button's `response_url`, a response without `replace_original` replaces the original unless it
    is `in_channel` (Slack's behaviour for ephemeral originals); a command's `response_url` has no
    original, so it always posts.
  - `ws.calls` (list of `ApiCall(method, params, status)`), `ws.calls_to("chat.postMessage")`.
  - `ws.fail_next(method, status=429, retry_after=1, times=1)`: the next call(s) of `method`
    (or `"response_url"`) answer 429 with `Retry-After`, or 500 / any status.
  - reading state: `ws.messages(channel)` (top level, ephemerals included only with
    `for_user`), `ws.thread(channel, ts)`, `ws.ephemerals(user=None)`, `ws.home(user=None)`,
    `ws.find_message(channel, ts)`, and `ws.wait_for(predicate, timeout=5)` which waits until
    `predicate(ws)` is truthy (the bot answers after its ack) and returns that value.
- Sending what Slack sends, signed as Slack signs, over real HTTP to `events_url`; each returns a
  `Delivery(status, body, headers, elapsed_ms, payload, ...)` and raises `BotUnreachable` when
  nothing answers:
  `ws.send_command("/who", "Kirby", user=None, channel=None)`,
  `ws.send_message("who is Kirby?", channel=None, thread_ts=None, user=None, bot_id=None, subtype=None)`
  (a DM by default; a DM is `channel_type: "im"`; `<@bot>` in a channel sends `app_mention`),
  `ws.click(message, action_id, value=None, user=None)` (a message dict from `ws.messages()`, or a
  home view from `ws.home()`), `ws.open_home(user=None)`, `ws.resend(delivery, retry_num=1)`.
  Every sender takes `timestamp=` and `secret=` to forge a stale or badly signed request.
- `workspace_wsgi(ws)`: the WSGI app serving `/api/`, `/response/` and the page (`/`, `/local/*`).
  `serve_workspace(ws, port=0)` runs it on loopback in a thread (a context manager with `.url`);
  it sets `ws.base_url`, so `ws.api_url` is the `base_url` to give `WebClient`. `ws.close()` releases
  the page's long-polls before a server stops.
- Installing the app (OAuth): set `ws.oauth_client = (client_id, client_secret)`; `ws.approve_install(
  client_id, scope)` is the person clicking Allow (a one-time code for the app's redirect);
  `oauth.v2.access` (Basic auth, as slack_sdk sends it) exchanges the code for a new `ws.bot_token`.
  `Workspace(team_id=..., team_domain=...)` makes another workspace; `serve_workspace(ws,
  others=[ws2])` serves both on one Slack. `ws.uninstall()` revokes the token and sends `app_uninstalled`.
  `ws.revoke_tokens(bot=True, users=[...])` revokes tokens and sends `tokens_revoked`.
- `sign(secret, timestamp, body)`: the `X-Slack-Signature` value.
"""

from __future__ import annotations

from bot.local.blockkit import block_problems
from bot.local.senders import BotUnreachable, Delivery, SlackSenders, escape_typed, sign
from bot.local.serving import LocalServer, parse_body, read_body, serve_workspace, workspace_wsgi
from bot.local.state import ApiCall, SlackError

__all__ = [
    "ApiCall",
    "BotUnreachable",
    "Delivery",
    "LocalServer",
    "SlackError",
    "Workspace",
    "block_problems",
    "escape_typed",
    "parse_body",
    "read_body",
    "serve_workspace",
    "sign",
    "workspace_wsgi",
]


class Workspace(SlackSenders):
    """One Slack workspace in memory: its state, the Web API it serves, and the requests it sends the bot."""
