"""The core stays Slack-free: briefings/ never imports Slack, the scheduler or bot/."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

FORBIDDEN = ("slack_bolt", "slack_sdk", "apscheduler", "bot", "cli", "waitress")


def test_core_imports_nothing_of_slack_or_the_bot():
    offenders = []
    for path in (ROOT / "briefings").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []
