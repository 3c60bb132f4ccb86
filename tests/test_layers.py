"""The layers import one way: config <- briefings <- bot <- cli (bench/ beside cli, measuring the core and the bot).

config imports none of ours; briefings imports config at most and nothing of Slack, the scheduler or the
web server; bot imports config and briefings, never cli; cli may import them all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

OURS = ("config", "briefings", "bot", "cli", "tests", "bench")
SLACK_SIDE = ("slack_bolt", "slack_sdk", "apscheduler", "waitress")
# What each package may import of ours, and which outside packages it may not.
ALLOWED = {
    "config": ((), SLACK_SIDE),
    "briefings": (("config",), SLACK_SIDE),
    "bot": (("config", "briefings"), ()),
    "cli": (("config", "briefings", "bot"), ()),
    "bench": (("config", "briefings", "bot", "tests"), ()),
}


def imported(path: Path) -> list[str]:
    """Every module a file imports, at any depth (imports inside functions count too)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def offenders(package: str) -> list[str]:
    """`file: module` for each import the package's layer does not allow."""
    ours, banned = ALLOWED[package]
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imported(path):
            top = name.split(".")[0]
            if (top in OURS and top != package and top not in ours) or top in banned:
                found.append(f"{path.relative_to(ROOT)}: {name}")
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(package):
    assert offenders(package) == []


def test_the_check_sees_a_forbidden_import(tmp_path, monkeypatch):
    # The walk itself must be able to fail: a core module that imports the bot, the way a slip would.
    core = tmp_path / "briefings"
    core.mkdir()
    (core / "slip.py").write_text("def f():\n    from bot.services import Services\n    import slack_sdk\n")
    monkeypatch.setattr("tests.test_layers.ROOT", tmp_path)
    assert offenders("briefings") == ["briefings/slip.py: bot.services", "briefings/slip.py: slack_sdk"]
