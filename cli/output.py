"""How the command line prints: one JSON document for `--json`, else lines for people."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Protocol


class Listable(Protocol):
    """An item of a listing: it knows its JSON form."""

    def to_dict(self) -> dict[str, Any]:
        """The item as JSON."""


def print_json(document: Any) -> None:
    """Print one JSON document (UTF-8 as is, indented)."""
    print(json.dumps(document, ensure_ascii=False, indent=2))


def listed(items: Sequence[Listable], *, as_json: bool, empty: str) -> bool:
    """Print the items as JSON, or say `empty` when there are none; False when the caller prints them for people."""
    if as_json:
        print_json([item.to_dict() for item in items])
        return True
    if not items:
        print(empty)
        return True
    return False
