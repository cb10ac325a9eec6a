"""Reports for the content team: questions the assistant could not answer, FAQ topics asked."""

from __future__ import annotations

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from bot.db.audit import record_audit
from bot.db.types import utcnow
from bot.staff.context import run_db
from bot.staff.csv_export import unanswered_csv
from bot.staff.guard import protected
from bot.staff.report_queries import UnansweredGroup, faq_topic_counts, unanswered_report
from bot.staff.templating import render


@protected("admin", "staff")
async def unanswered(request: Request) -> Response:
    """GET /staff/unanswered: what visitors asked that the assistant could not answer."""
    groups, topics = await run_db(request, _report, actor=request.state.staff.username)
    return render(
        request,
        "unanswered.html",
        {
            "unanswered": [g for g in groups if g.kind == "unanswered"],
            "out_of_scope": [g for g in groups if g.kind == "out_of_scope"],
            "topics": topics,
            "total": sum(g.count for g in groups),
        },
    )


def _report(*, session: Session, actor: str) -> tuple[list[UnansweredGroup], list[tuple[str, int]]]:
    groups = unanswered_report(session=session)
    record_audit(
        session=session, actor=actor, action="unanswered.view", details={"groups": len(groups)}
    )
    return groups, faq_topic_counts(session=session)


@protected("admin", "staff")
async def unanswered_export(request: Request) -> Response:
    """GET /staff/unanswered.csv: the same questions as a spreadsheet for the content team."""
    body = await run_db(request, _export, actor=request.state.staff.username)
    filename = f"unanswered-questions-{utcnow():%Y-%m-%d}.csv"
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _export(*, session: Session, actor: str) -> str:
    groups = unanswered_report(session=session)
    record_audit(
        session=session, actor=actor, action="unanswered.export", details={"groups": len(groups)}
    )
    # A byte-order mark so Excel reads the file as UTF-8 (visitors type accents and emoji).
    return "\ufeff" + unanswered_csv(groups)
