"""The staff app's route table, mounted at ``/staff`` by the web app.

Every endpoint except the login form is wrapped in :func:`bot.staff.guard.protected`
(tests walk this table to check that nothing is left open).
"""

from __future__ import annotations

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

routes: list = [
    Mount(
        "/staff",
        routes=[
            Route("/", handoff_views.home, methods=["GET"], name="staff_home"),
            Route("/login", login.login_form, methods=["GET"], name="staff_login"),
            Route("/login", login.login_submit, methods=["POST"], name="staff_login_submit"),
            Route("/logout", login.logout, methods=["POST"], name="staff_logout"),
            Route("/mfa", mfa_views.mfa_form, methods=["GET"], name="staff_mfa"),
            Route("/mfa", mfa_views.mfa_submit, methods=["POST"], name="staff_mfa_submit"),
            Route(
                "/account/password",
                account_views.password_form,
                methods=["GET"],
                name="staff_password",
            ),
            Route(
                "/account/password",
                account_views.change_password,
                methods=["POST"],
                name="staff_password_change",
            ),
            Route("/handoffs", handoff_views.queue, methods=["GET"], name="staff_queue"),
            Route(
                "/handoffs/{handoff_id}",
                handoff_views.detail,
                methods=["GET"],
                name="staff_handoff",
            ),
            Route(
                "/handoffs/{handoff_id}/claim",
                handoff_views.claim,
                methods=["POST"],
                name="staff_handoff_claim",
            ),
            Route(
                "/handoffs/{handoff_id}/notes",
                handoff_views.note,
                methods=["POST"],
                name="staff_handoff_note",
            ),
            Route(
                "/handoffs/{handoff_id}/resolve",
                handoff_views.resolve,
                methods=["POST"],
                name="staff_handoff_resolve",
            ),
            Route("/unanswered", report_views.unanswered, methods=["GET"], name="staff_unanswered"),
            Route(
                "/unanswered.csv",
                report_views.unanswered_export,
                methods=["GET"],
                name="staff_unanswered_csv",
            ),
            Route("/admin/users", admin_views.users, methods=["GET"], name="staff_users"),
            Route(
                "/admin/users", admin_views.create_user, methods=["POST"], name="staff_user_create"
            ),
            Route(
                "/admin/users/{user_id}/password",
                admin_views.reset_password,
                methods=["POST"],
                name="staff_user_password",
            ),
            Route(
                "/admin/users/{user_id}/unlock",
                admin_views.unlock_user,
                methods=["POST"],
                name="staff_user_unlock",
            ),
            Route(
                "/admin/users/{user_id}/deactivate",
                admin_views.deactivate_user,
                methods=["POST"],
                name="staff_user_deactivate",
            ),
            Route(
                "/admin/users/{user_id}/activate",
                admin_views.activate_user,
                methods=["POST"],
                name="staff_user_activate",
            ),
            Route("/admin/audit", admin_views.audit_log, methods=["GET"], name="staff_audit"),
            Route("/api/handoffs", api.handoffs, methods=["GET"], name="staff_api_handoffs"),
            Route(
                "/api/handoffs/{handoff_id}", api.handoff, methods=["GET"], name="staff_api_handoff"
            ),
            Route(
                "/api/handoffs/{handoff_id}/fhir",
                api.handoff_fhir,
                methods=["GET"],
                name="staff_api_handoff_fhir",
            ),
        ],
    )
]
