"""Block Kit's limits, checked as Slack checks a message's blocks (counts, lengths, ids)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

KNOWN_WITHOUT_CHECKS = ("divider", "image", "rich_text", "input", "file", "video", "markdown")


def block_problems(blocks: list[Any], *, limit: int = 50) -> list[str]:
    """What Slack would reject in a list of blocks (counts, lengths, ids), as `[ERROR] ...` lines."""
    problems: list[str] = []
    if len(blocks) > limit:
        problems.append(f"[ERROR] no more than {limit} items allowed [json-pointer:/blocks]")
    total = len(json.dumps(blocks))
    if total > 13_000:
        problems.append(f"[ERROR] the blocks are too long ({total} characters) [json-pointer:/blocks]")
    block_ids: set[str] = set()
    for i, block in enumerate(blocks):
        where = f"/blocks/{i}"
        if not isinstance(block, dict) or "type" not in block:
            problems.append(f"[ERROR] missing required field: type [json-pointer:{where}]")
            continue
        problems += _block_id_problems(block.get("block_id"), where, block_ids)
        check = _CHECKS.get(block["type"])
        if check is not None:
            problems += check(block, where)
        elif block["type"] not in KNOWN_WITHOUT_CHECKS:
            problems.append(f"[ERROR] unknown block type {block['type']!r} [json-pointer:{where}/type]")
    return problems


def _block_id_problems(bid: str | None, where: str, seen: set[str]) -> list[str]:
    if bid is None:
        return []
    problems = []
    if len(bid) > 255:
        problems.append(f"[ERROR] must be less than 256 characters [json-pointer:{where}/block_id]")
    if bid in seen:
        problems.append(f"[ERROR] duplicate block_id {bid!r} [json-pointer:{where}/block_id]")
    seen.add(bid)
    return problems


def _header_problems(block: dict[str, Any], where: str) -> list[str]:
    text = block.get("text")
    if not isinstance(text, dict) or text.get("type") != "plain_text":
        return [f"[ERROR] must be a plain_text object [json-pointer:{where}/text]"]
    if len(text.get("text", "")) > 150:
        return [f"[ERROR] must be less than 151 characters [json-pointer:{where}/text]"]
    return []


def _section_problems(block: dict[str, Any], where: str) -> list[str]:
    problems = []
    text, fields = block.get("text"), block.get("fields") or []
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
    return problems


def _context_problems(block: dict[str, Any], where: str) -> list[str]:
    if not 1 <= len(block.get("elements") or []) <= 10:
        return [f"[ERROR] must have between 1 and 10 items [json-pointer:{where}/elements]"]
    return []


def _actions_problems(block: dict[str, Any], where: str) -> list[str]:
    problems = []
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


_CHECKS: dict[str, Callable[[dict[str, Any], str], list[str]]] = {
    "header": _header_problems,
    "section": _section_problems,
    "context": _context_problems,
    "actions": _actions_problems,
}
