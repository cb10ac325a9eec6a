"""The staff app's route table, mounted at ``/staff`` by the web app.

Every endpoint except the login form is wrapped in :func:`bot.staff.guard.protected`
(tests walk this table to check that nothing is left open).
"""

from __future__ import annotations

from typing import Any

from starlette.routing import Mount, Route

from bot.staff import (
    account_views,
    admin_views,
    api,
    handoff_views,
    login,
    mfa_views,
    report_views,
)

# Paths reachable without signing in (the login form and its POST).
PUBLIC_PATHS = frozenset({"/login"})

# (path, view, method, route name), in matching order: Starlette takes the first route whose
# path and method fit.
_TABLE = [
    ("/", handoff_views.home, "GET", "staff_home"),
    ("/login", login.login_form, "GET", "staff_login"),
    ("/login", login.login_submit, "POST", "staff_login_submit"),
    ("/logout", login.logout, "POST", "staff_logout"),
    ("/mfa", mfa_views.mfa_form, "GET", "staff_mfa"),
    ("/mfa", mfa_views.mfa_submit, "POST", "staff_mfa_submit"),
    ("/account/password", account_views.password_form, "GET", "staff_password"),
    ("/account/password", account_views.change_password, "POST", "staff_password_change"),
    ("/handoffs", handoff_views.queue, "GET", "staff_queue"),
    ("/handoffs/{handoff_id}", handoff_views.detail, "GET", "staff_handoff"),
    ("/handoffs/{handoff_id}/claim", handoff_views.claim, "POST", "staff_handoff_claim"),
    ("/handoffs/{handoff_id}/notes", handoff_views.note, "POST", "staff_handoff_note"),
    ("/handoffs/{handoff_id}/resolve", handoff_views.resolve, "POST", "staff_handoff_resolve"),
    ("/unanswered", report_views.unanswered, "GET", "staff_unanswered"),
    ("/unanswered.csv", report_views.unanswered_export, "GET", "staff_unanswered_csv"),
    ("/admin/users", admin_views.users, "GET", "staff_users"),
    ("/admin/users", admin_views.create_user, "POST", "staff_user_create"),
    ("/admin/users/{user_id}/password", admin_views.reset_password, "POST", "staff_user_password"),
    ("/admin/users/{user_id}/unlock", admin_views.unlock_user, "POST", "staff_user_unlock"),
    (
        "/admin/users/{user_id}/deactivate",
        admin_views.deactivate_user,
        "POST",
        "staff_user_deactivate",
    ),
    ("/admin/users/{user_id}/activate", admin_views.activate_user, "POST", "staff_user_activate"),
    ("/admin/audit", admin_views.audit_log, "GET", "staff_audit"),
    ("/api/handoffs", api.handoffs, "GET", "staff_api_handoffs"),
    ("/api/handoffs/{handoff_id}", api.handoff, "GET", "staff_api_handoff"),
    ("/api/handoffs/{handoff_id}/fhir", api.handoff_fhir, "GET", "staff_api_handoff_fhir"),
]

# Any: the web app appends these to its own list of Route objects (Starlette takes both).
routes: list[Any] = [
    Mount(
        "/staff",
        routes=[
            Route(path, view, methods=[method], name=name) for path, view, method, name in _TABLE
        ],
    )
]
