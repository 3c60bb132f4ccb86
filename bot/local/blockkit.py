"""Block Kit's limits, checked as Slack checks a message's blocks (counts, lengths, ids)."""

from __future__ import annotations

import json
from typing import Any

_TEXT_LIMITS = {"header": 150, "section": 3000}


def block_problems(blocks: list[Any], *, limit: int = 50) -> list[str]:
    """What Slack would reject in a list of blocks (counts, lengths, ids), as `[ERROR] ...` lines."""
    problems: list[str] = []
    if len(blocks) > limit:
        problems.append(f"[ERROR] no more than {limit} items allowed [json-pointer:/blocks]")
    block_ids: set[str] = set()
    total = len(json.dumps(blocks))
    if total > 13_000:
        problems.append(f"[ERROR] the blocks are too long ({total} characters) [json-pointer:/blocks]")
    for i, block in enumerate(blocks):
        where = f"/blocks/{i}"
        if not isinstance(block, dict) or "type" not in block:
            problems.append(f"[ERROR] missing required field: type [json-pointer:{where}]")
            continue
        kind = block["type"]
        bid = block.get("block_id")
        if bid is not None:
            if len(bid) > 255:
                problems.append(f"[ERROR] must be less than 256 characters [json-pointer:{where}/block_id]")
            if bid in block_ids:
                problems.append(f"[ERROR] duplicate block_id {bid!r} [json-pointer:{where}/block_id]")
            block_ids.add(bid)
        text = block.get("text")
        if kind == "header":
            if not isinstance(text, dict) or text.get("type") != "plain_text":
                problems.append(f"[ERROR] must be a plain_text object [json-pointer:{where}/text]")
            elif len(text.get("text", "")) > 150:
                problems.append(f"[ERROR] must be less than 151 characters [json-pointer:{where}/text]")
        elif kind == "section":
            fields = block.get("fields") or []
            if not text and not fields:
                problems.append(f"[ERROR] must provide text or fields [json-pointer:{where}]")
            if isinstance(text, dict) and not 1 <= len(text.get("text", "")) <= 3000:
                problems.append(f"[ERROR] must be between 1 and 3000 characters [json-pointer:{where}/text]")
            if len(fields) > 10:
                problems.append(f"[ERROR] no more than 10 items allowed [json-pointer:{where}/fields]")
            for j, f in enumerate(fields):
                if len(f.get("text", "")) > 2000:
                    problems.append(f"[ERROR] must be less than 2001 characters [json-pointer:{where}/fields/{j}]")
            if block.get("accessory"):
                problems += _element_problems(block["accessory"], f"{where}/accessory")
        elif kind == "context":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 10:
                problems.append(f"[ERROR] must have between 1 and 10 items [json-pointer:{where}/elements]")
        elif kind == "actions":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 25:
                problems.append(f"[ERROR] must have between 1 and 25 items [json-pointer:{where}/elements]")
            action_ids: set[str] = set()
            for j, element in enumerate(elements):
                problems += _element_problems(element, f"{where}/elements/{j}")
                aid = element.get("action_id")
                if aid is not None and aid in action_ids:
                    problems.append(f"[ERROR] duplicate action_id {aid!r} [json-pointer:{where}/elements/{j}/action_id]")
                action_ids.add(aid)
        elif kind not in ("divider", "image", "rich_text", "input", "file", "video", "markdown"):
            problems.append(f"[ERROR] unknown block type {kind!r} [json-pointer:{where}/type]")
    return problems


def _element_problems(element: dict[str, Any], where: str) -> list[str]:
    problems = []
    if element.get("type") == "button":
        label = (element.get("text") or {}).get("text", "")
        if not 1 <= len(label) <= 75:
            problems.append(f"[ERROR] must be between 1 and 75 characters [json-pointer:{where}/text]")
        if len(element.get("value") or "") > 2000:
            problems.append(f"[ERROR] must be less than 2001 characters [json-pointer:{where}/value]")
        if len(element.get("url") or "") > 3000:
            problems.append(f"[ERROR] must be less than 3001 characters [json-pointer:{where}/url]")
    if len(element.get("action_id") or "") > 255:
        problems.append(f"[ERROR] must be less than 256 characters [json-pointer:{where}/action_id]")
    return problems
