"""The container, proven: build the Dockerfile with podman, run it, wait for /healthz, answer a signed /who through it.

Builds on the base image named by BRIEFINGS_TEST_BASE_IMAGE (`.ci/run` makes one from Debian's packages
with `.ci/base-image`, as no registry is reachable there), or the Dockerfile's default where a registry
is. Skips, saying why, when podman cannot build or run here; `.ci/run` installs it, so CI runs it.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from bot.local.workspace import Workspace, serve_workspace
from tests.conftest import ROOT

BASE = os.environ.get("BRIEFINGS_TEST_BASE_IMAGE")
DEFAULT_BASE = "docker.io/library/python:3.11-slim-bookworm"  # the Dockerfile's ARG BASE
# On the CI machines crun fails on their hybrid cgroups and podman's default limits exceed the hard ones.
LIMITS = ["--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"]
HEALTHY_WITHIN = 240  # seconds: the first start indexes the seeds with the NLP model


def podman(*args: str, timeout: float = 60, check: bool = True) -> subprocess.CompletedProcess:
    """Run podman (with runc where it is installed) and return the finished process."""
    runtime = ["--runtime", "runc"] if shutil.which("runc") else []
    return subprocess.run(["podman", *runtime, *args], capture_output=True, text=True, timeout=timeout, check=check)


def _why_not() -> str | None:
    if shutil.which("podman") is None:
        return "podman is not installed (apt-get install podman runc; .ci/run does)"
    try:
        info = podman("info", "--format", "json", check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"podman cannot run here: {error}"
    if info.returncode != 0:
        return f"podman cannot run here: {info.stderr.strip()[:300]}"
    if BASE and podman("image", "exists", BASE, check=False).returncode != 0:
        return f"the base image {BASE} is missing: build it with .ci/base-image"
    if not BASE and podman("image", "exists", DEFAULT_BASE, check=False).returncode != 0:
        # No pull from a registry in a test: where none is reachable it fails only after a long wait.
        return (
            f"the Dockerfile's default base {DEFAULT_BASE} is not here: pull it, or build one with .ci/base-image "
            "and set BRIEFINGS_TEST_BASE_IMAGE (.ci/run does)"
        )
    return None


@pytest.fixture(scope="module")
def image() -> str:
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    # One stable tag, kept after the test: its layers are the next run's build cache (the locked dependencies
    # take minutes to install; only the project's own layers are rebuilt when just the code changed).
    tag = "localhost/briefings-test:latest"
    args = ["build", "--format", "docker", *LIMITS, "--network", "host", "-t", tag]
    if BASE:
        args += ["--build-arg", f"BASE={BASE}"]
    if os.path.isdir("/etc/ssl/certs"):  # pip inside the build trusts what this machine trusts
        args += ["-v", "/etc/ssl/certs:/etc/ssl/certs:ro"]
    build = podman(*args, str(ROOT), timeout=1800, check=False)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return tag


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, container: str) -> dict:
    deadline = time.monotonic() + HEALTHY_WITHIN
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                return json.loads(response.read())
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            state = podman("inspect", "--format", "{{.State.Status}}", container, check=False).stdout.strip()
            assert state in ("created", "running"), podman("logs", container, check=False).stderr[-3000:]
            time.sleep(1)
    logs = podman("logs", container, check=False).stderr[-3000:]
    pytest.fail(f"no healthy /healthz within {HEALTHY_WITHIN}s: {logs}")


def test_the_image_runs_as_non_root_becomes_healthy_and_answers_a_signed_who(image):
    ws = Workspace()
    slack = serve_workspace(ws, page=False)
    port = _free_port()
    env = {
        "SLACK_BOT_TOKEN": ws.bot_token,
        "SLACK_SIGNING_SECRET": ws.signing_secret,
        "SLACK_API_URL": ws.api_url,
        "BRIEFINGS_PORT": str(port),
        "BRIEFINGS_HOST": "127.0.0.1",
    }
    env_args = [arg for name, value in env.items() for arg in ("-e", f"{name}={value}")]
    container = podman("run", "-d", *LIMITS, "--network", "host", *env_args, image).stdout.strip()
    try:
        url = f"http://127.0.0.1:{port}"
        assert _wait_healthy(url, container)["status"] == "ok"
        ws.events_url = url + "/slack/events"
        assert ws.send_command("/who", "Kirby").status == 200
        answer = ws.wait_for(lambda w: w.ephemerals() and w.ephemerals()[-1], timeout=30)
        assert "John Kirby" in answer["text"]
        assert podman("exec", container, "id", "-u").stdout.strip() not in ("", "0")
        assert podman("inspect", "--format", "{{.Config.User}}", container).stdout.strip() == "briefings"
        forged = ws.send_command("/who", "Kirby", secret="not-the-signing-secret")
        assert forged.status == 401  # the container checks Slack's signature like any deployment
    finally:
        podman("rm", "-f", container, check=False)
        slack.stop()
