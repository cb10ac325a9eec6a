"""The web service: public chat API, demo page and widget, staff app, health.

Run by ``intake run`` as ``uvicorn bot.web.app:create_app --factory``: one process holds the
web app, the Rasa agent and the custom actions (:mod:`bot.rasa_runtime.in_process`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.db.engine import get_engine
from bot.handoffs.worker import run_outbox_worker
from bot.proxies import trusted_proxies
from bot.settings import PROJECT_ROOT, Settings, get_settings, model_path
from bot.staff.hash_gate import HashGate
from bot.staff.routes import routes as staff_routes
from bot.web import chat
from bot.web.body_limit import DEFAULT_MAX_BODY_BYTES, BodyLimitMiddleware
from bot.web.conversation_tokens import TOKEN_HEADER
from bot.web.security_headers import SecurityHeadersMiddleware
from bot.web.site import routes as site_routes

log = logging.getLogger(__name__)


class ProductionConfigError(RuntimeError):
    """The settings must not run with ``INTAKE_ENV=production`` (placeholder secrets...)."""


def _database_ok() -> bool:
    with get_engine().connect() as connection:
        connection.execute(text("SELECT 1"))
    return True


async def healthz(_request: Request) -> JSONResponse:
    """GET /healthz: 200 when the web app and its database answer."""
    try:
        await run_in_threadpool(_database_ok)
    except Exception:
        return JSONResponse({"status": "degraded", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok"})


def refuse_unsafe_production(settings: Settings) -> None:
    """Raise :class:`ProductionConfigError` when production runs with placeholder secrets.

    Called by the app factory, so the check holds however the app is started (``intake
    run``, uvicorn directly, another ASGI server), not only through the CLI.
    """
    if settings.is_production:
        problems = settings.validate_for_production()
        if problems:
            raise ProductionConfigError(
                "Refusing to start in production:\n- " + "\n- ".join(problems)
            )
    if not settings.staff_mfa:
        log.warning("STAFF_MFA is off: staff sign in with a password alone (development only)")


async def load_assistant(settings: Settings) -> chat.ChatAssistant:
    """The trained model with its tracker and lock stores, and the custom actions, in process."""
    from bot.rasa_runtime.in_process import Assistant

    return await Assistant.load(model_path(), PROJECT_ROOT / settings.endpoints_file)


def create_app(
    settings: Settings | None = None, assistant: chat.ChatAssistant | None = None
) -> Starlette:
    """Build the Starlette application with every route and the background outbox worker.

    The assistant (the trained model and the custom actions) loads before the app serves;
    tests pass their own ``assistant`` instead.
    """
    settings = settings or get_settings()
    refuse_unsafe_production(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.chat = chat.ChatService(settings, assistant or await load_assistant(settings))
        stop = asyncio.Event()
        worker = asyncio.create_task(run_outbox_worker(settings, stop))
        try:
            yield
        finally:
            stop.set()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(worker, timeout=5)

    routes = [Route("/healthz", healthz, methods=["GET"]), *chat.routes]
    routes += staff_routes + site_routes
    middleware = [Middleware(SecurityHeadersMiddleware, settings=settings)]
    # Inside CORS, so an embedding page can read a 413 as well.
    body_limit = Middleware(
        BodyLimitMiddleware,
        limits=[("/api/chat", chat.MAX_BODY_BYTES)],
        default=DEFAULT_MAX_BODY_BYTES,
    )
    if settings.widget_allowed_origins:
        # Lets the clinic's own site embed the widget. No credentials: visitors carry
        # no cookies, and staff cookies must never travel cross-origin.
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.widget_allowed_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", TOKEN_HEADER],
                allow_credentials=False,
                max_age=600,
            )
        )
    middleware.append(body_limit)
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.settings = settings
    app.state.proxies = trusted_proxies(settings)
    app.state.hash_gate = HashGate(settings.login_hash_concurrency)
    return app
