// The local workspace page: renders the workspace's state as Slack shows it and sends what a person does.
// Everything from the server is put on the page as text nodes (never innerHTML), so no message can inject markup.
"use strict";

(function () {
  const state = { data: null, version: -1, view: null, busy: false, openReplies: new Set(), pollFailures: 0 };
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // ----- mrkdwn, as Slack renders it -----

  const decode = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const SAFE_SCHEMES = /^(https?:|mailto:)/i;

  function userName(id) {
    const users = (state.data && state.data.users) || {};
    return users[id] ? users[id].name : id;
  }

  function renderLink(inner) {
    // Slack's angle-bracket markup: <url|label>, <@U123>, <#C123|name>, <!here>, <!date^...|fallback>.
    const bar = inner.indexOf("|");
    const target = bar >= 0 ? inner.slice(0, bar) : inner;
    const label = bar >= 0 ? inner.slice(bar + 1) : null;
    if (target.startsWith("@")) return el("span", { class: "mention" }, "@" + (label || userName(target.slice(1))));
    if (target.startsWith("#")) return el("span", { class: "mention" }, "#" + decode(label || target.slice(1)));
    if (target.startsWith("!")) {
      const name = target.slice(1).split("^")[0];
      if (["here", "channel", "everyone"].includes(name)) return el("span", { class: "mention loud" }, "@" + name);
      if (name.startsWith("subteam")) return el("span", { class: "mention" }, "@" + decode(label || "group"));
      return document.createTextNode(decode(label || name));
    }
    const url = decode(target);
    if (SAFE_SCHEMES.test(url)) {
      return el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, label !== null ? renderInline(label) : url);
    }
    return null;
  }

  const INLINE = /`([^`\n]+)`|<([^<>\s][^<>]*)>|(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])|(^|[^\w_])_(?!\s)([^_\n]+?)_(?![\w_])|(^|[^\w~])~(?!\s)([^~\n]+?)~(?![\w~])/;

  function renderInline(text) {
    // Returns a fragment: code spans are literal, bold/italic/strike nest, links are checked, the rest is decoded text.
    const frag = document.createDocumentFragment();
    let rest = text;
    while (rest.length) {
      const m = INLINE.exec(rest);
      if (!m) {
        frag.append(decode(rest));
        break;
      }
      let start = m.index;
      let lead = "";
      if (m[3] !== undefined || m[5] !== undefined || m[7] !== undefined) {
        lead = m[3] ?? m[5] ?? m[7] ?? "";
        start += lead.length;
      }
      frag.append(decode(rest.slice(0, m.index) + lead));
      if (m[1] !== undefined) frag.append(el("code", {}, decode(m[1])));
      else if (m[2] !== undefined) frag.append(renderLink(m[2]) || document.createTextNode("<" + decode(m[2]) + ">"));
      else if (m[4] !== undefined) frag.append(el("b", {}, renderInline(m[4])));
      else if (m[6] !== undefined) frag.append(el("i", {}, renderInline(m[6])));
      else if (m[8] !== undefined) frag.append(el("s", {}, renderInline(m[8])));
      rest = rest.slice(m.index + m[0].length);
    }
    return frag;
  }

  function renderMrkdwn(text) {
    const root = el("div", { class: "md" });
    const parts = String(text || "").split("```");
    parts.forEach((part, i) => {
      if (i % 2 === 1) {
        root.append(el("pre", {}, decode(part.replace(/^\n/, ""))));
        return;
      }
      let quote = null;
      for (const line of part.split("\n")) {
        const q = /^(&gt;|>)\s?(.*)$/.exec(line);
        if (q) {
          if (!quote) root.append((quote = el("blockquote")));
          quote.append(el("p", {}, renderInline(q[2]) || "\u00a0"));
          continue;
        }
        quote = null;
        const li = /^\s*([•◦▪\-*]|\d+[.)])\s+(.*)$/.exec(line);
        if (li && !/^\*[^*]+\*/.test(line.trim())) {
          const mark = /\d/.test(li[1]) ? li[1] : "•";
          root.append(el("p", { class: "li" }, mark + " ", renderInline(li[2])));
        } else {
          root.append(el("p", {}, line ? renderInline(line) : "\u00a0"));
        }
      }
    });
    // Trim the empty paragraphs a leading or trailing newline leaves.
    while (root.firstChild && root.firstChild.textContent === "\u00a0") root.firstChild.remove();
    while (root.lastChild && root.lastChild.textContent === "\u00a0") root.lastChild.remove();
    return root;
  }

  function renderText(obj) {
    if (!obj) return null;
    if (obj.type === "plain_text") return el("span", {}, obj.text || "");
    return renderMrkdwn(obj.text || "");
  }

  // ----- Block Kit -----

  function renderButton(element, target) {
    const label = (element.text && element.text.text) || "Button";
    const cls = "bk-button" + (element.style ? " " + element.style : "");
    const key = [target.key, element.action_id, element.value || ""].join("|");
    const click = (event) => {
      const button = event.currentTarget;
      if (!element.url) event.preventDefault();
      button.disabled = true;
      post("/local/click", Object.assign({ action_id: element.action_id, value: element.value ?? null }, target.ref))
        .finally(() => { button.disabled = false; });
    };
    if (element.url && SAFE_SCHEMES.test(element.url)) {
      return el("a", { class: cls, href: element.url, target: "_blank", rel: "noopener noreferrer", "data-key": key, onclick: click }, label);
    }
    return el("button", { type: "button", class: cls, "data-key": key, onclick: click }, label);
  }

  function renderElement(element, target) {
    if (element.type === "button") return renderButton(element, target);
    if (element.type === "image") return el("span", { class: "bk-image", role: "img", "aria-label": element.alt_text || "image" }, "[image: " + (element.alt_text || "no description") + "]");
    if (element.type === "mrkdwn" || element.type === "plain_text") {
      const node = renderText(element);
      node.classList && node.classList.add("inline");
      return node;
    }
    return el("span", { class: "bk-unknown" }, "[" + element.type + "]");
  }

  function renderBlock(block, target) {
    switch (block.type) {
      case "header":
        return el("div", { class: "bk bk-header", role: "heading", "aria-level": "3" }, (block.text && block.text.text) || "");
      case "section": {
        const main = el("div", { class: "bk-section-main" }, renderText(block.text));
        if (block.fields && block.fields.length) main.append(el("div", { class: "bk-fields" }, block.fields.map(renderText)));
        return el("div", { class: "bk bk-section" }, main, block.accessory ? renderElement(block.accessory, target) : null);
      }
      case "context":
        return el("div", { class: "bk bk-context" }, (block.elements || []).map((e) => renderElement(e, target)));
      case "divider":
        return el("hr", { class: "bk-divider" });
      case "actions":
        return el("div", { class: "bk bk-actions" }, (block.elements || []).map((e) => renderElement(e, target)));
      case "image":
        return el("div", { class: "bk bk-image", role: "img", "aria-label": block.alt_text || "image" }, "[image: " + (block.alt_text || "no description") + "]");
      case "markdown":
        return el("div", { class: "bk" }, renderMrkdwn(block.text || ""));
      case "rich_text":
        return el("div", { class: "bk" }, richText(block));
      default:
        return el("div", { class: "bk bk-unknown" }, "This content can't be displayed.");
    }
  }

  function richText(block) {
    const out = [];
    for (const section of block.elements || []) {
      const text = (section.elements || []).map((e) => e.text || (e.url ? e.url : e.user_id ? "@" + userName(e.user_id) : "")).join("");
      out.push(el("p", {}, text));
    }
    return el("div", { class: "md" }, out);
  }

  function renderBlocks(blocks, target) {
    return el("div", { class: "blocks" }, blocks.map((b) => renderBlock(b, target)));
  }

  // ----- messages -----

  function formatTime(ts) {
    const d = new Date(parseFloat(ts) * 1000);
    return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function renderMessage(msg, channel, inThread) {
    const users = state.data.users;
    const author = users[msg.user] || { name: msg.user, is_bot: !!msg.bot_id };
    const isBot = !!msg.bot_id || author.is_bot;
    const slackbot = msg.user === "USLACKBOT";
    const name = slackbot ? "Slackbot" : author.real_name || author.name;
    const target = { key: channel.id + ":" + msg.ts, ref: { channel: channel.id, ts: msg.ts } };
    const body = msg.blocks && msg.blocks.length ? renderBlocks(msg.blocks, target) : renderMrkdwn(msg.text);
    const node = el(
      "article",
      { class: "msg" + (msg.is_ephemeral ? " ephemeral" : ""), "data-ts": msg.ts, "aria-label": name + (msg.is_ephemeral ? ", only visible to you" : "") },
      el("div", { class: "avatar" + (slackbot ? " slackbot" : isBot ? "" : " person"), "aria-hidden": "true" }, name.slice(0, 1).toUpperCase()),
      el(
        "div",
        { class: "msg-main" },
        el(
          "div",
          { class: "msg-head" },
          el("span", { class: "msg-name" }, name),
          isBot && !slackbot ? el("span", { class: "app-badge" }, "APP") : null,
          el("time", { class: "msg-time", datetime: new Date(parseFloat(msg.ts) * 1000).toISOString() }, formatTime(msg.ts)),
          msg.edited ? el("span", { class: "edited" }, "(edited)") : null,
        ),
        el("div", { class: "msg-body" }, body),
        msg.is_ephemeral ? el("div", { class: "eph-note" }, "Only visible to you") : null,
        !inThread && !msg.is_ephemeral ? threadToggle(msg, channel) : null,
      ),
    );
    return node;
  }

  function threadToggle(msg, channel) {
    const count = msg.reply_count || 0;
    const open = count ? !state.openReplies.has("closed:" + msg.ts) : state.openReplies.has(msg.ts);
    const label = count ? (open ? "Hide " : "Show ") + count + (count === 1 ? " reply" : " replies") : "Reply in thread";
    return el(
      "div",
      { class: "msg-actions" },
      el("button", {
        type: "button",
        class: "link-button",
        "aria-expanded": open ? "true" : "false",
        "data-key": "thread|" + msg.ts,
        onclick: () => {
          if (count) {
            const key = "closed:" + msg.ts;
            state.openReplies.has(key) ? state.openReplies.delete(key) : state.openReplies.add(key);
          } else {
            state.openReplies.has(msg.ts) ? state.openReplies.delete(msg.ts) : state.openReplies.add(msg.ts);
          }
          render();
          const input = document.querySelector(`[data-thread-input="${CSS.escape(msg.ts)}"]`);
          if (input && !count) input.focus();
        },
      }, label),
    );
  }

  function renderThread(msg, channel) {
    const count = msg.reply_count || 0;
    const open = count ? !state.openReplies.has("closed:" + msg.ts) : state.openReplies.has(msg.ts);
    if (!open) return null;
    const input = el("textarea", { rows: "1", "aria-label": "Reply in thread", "data-thread-input": msg.ts, placeholder: "Reply… (mention @briefings to ask)" });
    const form = el("form", { class: "reply-form" }, input, el("button", { type: "submit", class: "tool" }, "Reply"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(input.value, channel.id, msg.ts).then((ok) => { if (ok) input.value = ""; });
    });
    enterSends(input, form);
    return el("div", { class: "thread", role: "group", "aria-label": "Thread" }, (msg.replies || []).map((r) => renderMessage(r, channel, true)), form);
  }

  // ----- views -----

  function currentChannel() {
    const channels = state.data.channels;
    return channels.find((c) => c.id === state.view) || channels.find((c) => c.name === "general") || channels[0];
  }

  function render() {
    if (!state.data) return;
    const focusKey = document.activeElement && document.activeElement.getAttribute("data-key");
    const focusThread = document.activeElement && document.activeElement.getAttribute("data-thread-input");
    const draft = focusThread ? document.activeElement.value : null;
    renderSidebar();
    renderBanner();
    const home = state.view === "home";
    $("messages").hidden = home;
    $("home").hidden = !home;
    $("composer").hidden = home;
    if (home) renderHome();
    else renderChannel();
    if (focusKey) {
      const again = document.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
      if (again) again.focus();
    } else if (focusThread) {
      const again = document.querySelector(`[data-thread-input="${CSS.escape(focusThread)}"]`);
      if (again) { again.value = draft; again.focus(); }
    }
  }

  function renderSidebar() {
    const item = (c) => el("li", {}, el("button", {
      type: "button",
      class: "side-item",
      "aria-current": state.view === c.id ? "true" : "false",
      onclick: () => go(c.id),
    }, c.is_im ? state.data.bot.real_name || state.data.bot.name : "# " + c.name));
    $("channel-list").replaceChildren(...state.data.channels.filter((c) => !c.is_im).map(item));
    $("dm-list").replaceChildren(...state.data.channels.filter((c) => c.is_im).map(item));
    $("home-link").setAttribute("aria-current", state.view === "home" ? "true" : "false");
  }

  function renderBanner() {
    const banner = $("banner");
    let text = null;
    if (state.pollFailures > 0) text = "The local server is not answering. Is `briefings serve` still running? Retrying…";
    else if (state.data.bot.reachable === false) text = "The bot is not reachable: " + (state.data.bot.error || "no answer") + ". Check the terminal where the bot runs.";
    else if (state.data.bot.error) text = "The bot had a problem: " + state.data.bot.error;
    banner.hidden = !text;
    banner.className = "banner" + (text ? " error" : "");
    banner.textContent = text || "";
  }

  function renderChannel() {
    const channel = currentChannel();
    state.view = channel.id;
    const title = channel.is_im ? state.data.bot.real_name || state.data.bot.name : "#" + channel.name;
    $("conv-title").textContent = title;
    document.title = title + " · Briefings local workspace";
    $("composer-label").textContent = "Message " + title;
    $("composer-input").placeholder = channel.is_im
      ? "Message " + title + " (try: who is Kirby?, what happened in Jakarta)"
      : "Message " + title + " (try /who Kirby, /event Jakarta)";
    $("digest-now").hidden = channel.is_im || !state.data.digest_available;
    const box = $("messages");
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    const nodes = [];
    for (const msg of channel.messages) {
      nodes.push(renderMessage(msg, channel, false));
      const thread = renderThread(msg, channel);
      if (thread) nodes.push(thread);
    }
    if (!nodes.length) {
      nodes.push(el("p", { class: "empty" }, channel.is_im
        ? "This is your direct message with the bot. Ask: who is Kirby? · what happened in Jakarta · digest · help"
        : "Nothing here yet. Type /who Kirby or /event Jakarta below, or post the digest now."));
    }
    box.replaceChildren(...nodes);
    if (atBottom || state.scrollDown) box.scrollTop = box.scrollHeight;
    state.scrollDown = false;
  }

  function renderHome() {
    $("conv-title").textContent = "Briefings · Home";
    document.title = "Home · Briefings local workspace";
    $("digest-now").hidden = true;
    const home = state.data.home;
    const target = { key: "home", ref: { view: true } };
    $("home").replaceChildren(
      home && home.blocks && home.blocks.length
        ? el("div", { class: "msg-body home-body", style: null }, renderBlocks(home.blocks, target))
        : el("p", { class: "empty" }, "The bot has not published its Home tab yet."),
    );
  }

  function go(view) {
    const wasHome = state.view === "home";
    state.view = view;
    state.scrollDown = true;
    history.replaceState(null, "", "#" + view);
    render();
    if (view === "home" && !wasHome) post("/local/home", {});
    const focus = view === "home" ? $("home") : $("composer-input");
    if (focus) focus.focus({ preventScroll: true });
  }

  // ----- talking to the server -----

  function say(text) {
    $("status").textContent = text;
  }

  async function post(path, body) {
    try {
      const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const answer = await response.json().catch(() => ({ ok: false, error: "HTTP " + response.status }));
      if (!answer.ok) {
        say(answer.error || "That did not work.");
        if (answer.unreachable) refresh();
        return false;
      }
      return answer;
    } catch (error) {
      say("The local server is not answering: " + error.message);
      return false;
    }
  }

  async function send(text, channel, threadTs) {
    text = text.trim();
    if (!text) return false;
    say("");
    const answer = await post("/local/send", { text, channel, thread_ts: threadTs || null });
    if (answer && answer.status && answer.status >= 400) say("The bot answered HTTP " + answer.status + ".");
    state.scrollDown = !threadTs;
    return !!answer;
  }

  async function refresh() {
    try {
      const response = await fetch("/local/state");
      state.data = await response.json();
      state.version = state.data.version;
      state.pollFailures = 0;
      render();
    } catch (error) {
      state.pollFailures += 1;
      if (state.data) renderBanner();
    }
  }

  async function poll() {
    // Long-poll: the server answers when something changed (or after 20 s), so updates show at once.
    for (;;) {
      try {
        const response = await fetch(`/local/state?since=${state.version}&wait=20`);
        if (!response.ok) throw new Error("HTTP " + response.status);
        const data = await response.json();
        const changed = data.version !== state.version || state.pollFailures > 0;
        state.data = data;
        state.version = data.version;
        state.pollFailures = 0;
        if (changed) render();
      } catch (error) {
        state.pollFailures += 1;
        if (state.data) renderBanner();
        else document.body.prepend(el("div", { class: "banner error", role: "alert" }, "The local server is not answering."));
        await new Promise((r) => setTimeout(r, Math.min(5000, 500 * state.pollFailures)));
      }
    }
  }

  function enterSends(textarea, form) {
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  function setup() {
    const form = $("composer");
    const input = $("composer-input");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = input.value;
      if (!text.trim() || state.busy) return;
      state.busy = true;
      input.value = "";
      const ok = await send(text, currentChannel().id, null);
      if (!ok) input.value = text;
      state.busy = false;
      input.focus();
    });
    enterSends(input, form);
    $("home-link").addEventListener("click", () => go("home"));
    $("digest-now").addEventListener("click", async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      say("Posting the digest…");
      const answer = await post("/local/digest", { channel: currentChannel().id });
      if (answer) {
        const r = answer.result || {};
        say(r.status === "sent" ? `Digest posted: ${r.stories} ${r.stories === 1 ? "story" : "stories"}.` : "Digest: " + (r.status || "done") + (r.error ? " (" + r.error + ")" : "") + ".");
      }
      state.scrollDown = true;
      button.disabled = false;
    });
    const hash = decodeURIComponent(location.hash.slice(1));
    state.view = hash || null;
    refresh().then(() => {
      if (state.view === "home") post("/local/home", {});
      poll();
    });
  }

  document.addEventListener("DOMContentLoaded", setup);
})();
