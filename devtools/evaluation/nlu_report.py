"""The FAQ evaluation report: Markdown and JSON under reports/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from devtools.evaluation.nlu_metrics import TARGET_MACRO_F1


def _render_set(name: str, held: dict[str, Any]) -> list[str]:
    description = [f"- {held['description']}"] if held.get("description") else []
    lines = [
        f"## {name}",
        "",
        *description,
        f"- questions: {held['examples']}, accuracy {held['accuracy']}",
        f"- macro F1 (all labels): **{held['macro_f1']}**; FAQ labels only: "
        f"{held['faq_macro_f1']} (target {TARGET_MACRO_F1})",
        "",
        "| label | precision | recall | F1 | support |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, m in held["labels"].items():
        lines.append(f"| {label} | {m['precision']} | {m['recall']} | {m['f1']} | {m['support']} |")
    lines += ["", f"### Confusions ({name})", ""]
    if not held["confusions"]:
        lines.append("None.")
    for item in held["confusions"]:
        examples = "; ".join(f'"{text}"' for text in item["examples"])
        lines.append(f"- {item['truth']} -> {item['predicted']} ({item['count']}): {examples}")
    lines.append("")
    return lines


def _render_gate(gate: dict[str, Any]) -> list[str]:
    chosen = gate["chosen_threshold"]
    lines = [
        "## Answer gate",
        "",
        f"Tuned on: {', '.join(gate['tuned_on'])}. Chosen threshold: **{chosen['threshold']}** "
        f"({chosen['answered_correct']} correct, {chosen['answered_wrong']} wrong, "
        f"{chosen['not_sure']} not sure, of {chosen['total']}).",
        "",
    ]
    for name, row in gate["blind"].items():
        lines.append(
            f"On the {name} set at that threshold: {row['answered_correct']} correct, "
            f"{row['answered_wrong']} wrong, {row['not_sure']} not sure, of {row['total']}."
        )
    lines += [
        "",
        "| threshold | correct | wrong | not sure | total |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in gate["thresholds"]:
        lines.append(
            f"| {row['threshold']} | {row['answered_correct']} | {row['answered_wrong']} "
            f"| {row['not_sure']} | {row['total']} |"
        )
    lines.append("")
    return lines


def render_markdown(report: dict[str, Any]) -> str:
    """The human-readable report."""
    lines = [
        "# FAQ NLU evaluation",
        "",
        f"Generated {report['generated_at']} with config `{report['config']}`.",
        "",
    ]
    for note in report.get("notes") or []:
        lines.append(f"- {note}")
    if report.get("notes"):
        lines.append("")
    for name, held in (report.get("sets") or {}).items():
        lines += _render_set(name, held)
    if report.get("gate"):
        lines += _render_gate(report["gate"])
    cv = report.get("cross_validation")
    if cv:
        lines += [
            f"## {cv['folds']}-fold cross-validation (training data)",
            "",
            f"- response selection macro F1: **{cv['macro_f1']}**",
            f"- intent macro F1: {cv.get('intent_macro_f1', 'n/a')}",
            *([f"- note: {cv['note']}"] if cv.get("note") else []),
            "",
            "| label | precision | recall | F1 | support |",
            "| --- | --- | --- | --- | --- |",
        ]
        for label, m in sorted(cv["labels"].items()):
            lines.append(
                f"| {label} | {m['precision']} | {m['recall']} | {m['f1']} | {m['support']} |"
            )
        lines.append("")
    return "\n".join(lines)


def write_reports(report: dict[str, Any], report_dir: Path) -> tuple[Path, Path]:
    """Write ``faq_evaluation.json`` and ``faq_evaluation.md`` into ``report_dir``."""
    report_dir.mkdir(parents=True, exist_ok=True)
    json_path = report_dir / "faq_evaluation.json"
    md_path = report_dir / "faq_evaluation.md"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(render_markdown(report), encoding="utf-8")
    return json_path, md_path
