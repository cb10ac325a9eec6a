"""Per-request plumbing: which settings and database a staff request uses.

``create_app(settings=...)`` may put its settings on ``app.state.settings``; otherwise the
process settings apply. Database work runs in a worker thread (SQLAlchemy and argon2 are
blocking) inside one :func:`~bot.db.engine.session_scope` per call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request

from bot.db.engine import get_engine, session_scope
from bot.proxies import client_ip as forwarded_client_ip
from bot.settings import Settings, get_settings

T = TypeVar("T")


def settings_for(request: Request) -> Settings:
    """The settings of the app serving ``request``."""
    settings = getattr(request.app.state, "settings", None)
    return settings if isinstance(settings, Settings) else get_settings()


async def run_db(request: Request, work: Callable[..., T], /, **kwargs: Any) -> T:
    """Run ``work(session=..., **kwargs)`` in one unit of work, off the event loop."""
    engine = get_engine(settings_for(request).database_url)

    def unit_of_work() -> T:
        with session_scope(engine) as session:
            return work(session=session, **kwargs)

    return await run_in_threadpool(unit_of_work)


def text_fields(form: FormData, *names: str) -> tuple[str, ...] | None:
    """The named form fields in order, or None when one is missing or is a file upload."""
    values = tuple(value for name in names if isinstance(value := form.get(name), str))
    return values if len(values) == len(names) else None


def client_ip(request: Request) -> str:
    """The caller's address (``X-Forwarded-For`` only from ``FORWARDED_ALLOW_IPS``)."""
    return forwarded_client_ip(request)
