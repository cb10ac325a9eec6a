"""The staff route table (bot/staff/routes.py): one mount at /staff, every route named and
guarded except the login form."""

from __future__ import annotations

from collections import Counter

from starlette.applications import Starlette
from starlette.routing import Mount, Route

from bot.staff.routes import PUBLIC_PATHS, routes


def staff_routes() -> list[Route]:
    (mount,) = routes
    assert isinstance(mount, Mount) and mount.path == "/staff"
    return list(mount.routes)


def test_each_path_and_method_has_one_named_route():
    table = staff_routes()
    assert all(isinstance(route, Route) and route.name.startswith("staff_") for route in table)
    assert max(Counter(route.name for route in table).values()) == 1
    pairs = Counter((route.path, method) for route in table for method in route.methods)
    assert max(pairs.values()) == 1


def test_only_the_public_paths_are_unguarded():
    for route in staff_routes():
        guarded = hasattr(route.endpoint, "staff_roles")
        assert guarded != (route.path in PUBLIC_PATHS), route.path
    assert {"/login"} == PUBLIC_PATHS


def test_urls_are_built_from_route_names():
    app = Starlette(routes=routes)
    assert app.url_path_for("staff_login") == "/staff/login"
    assert app.url_path_for("staff_handoff", handoff_id=3) == "/staff/handoffs/3"
    assert app.url_path_for("staff_user_unlock", user_id=9) == "/staff/admin/users/9/unlock"
