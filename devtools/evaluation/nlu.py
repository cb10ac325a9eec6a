"""FAQ NLU evaluation with Rasa's own tooling (issue 3).

Two measurements, written to ``reports/faq_evaluation.json`` and ``.md``:

* 5-fold cross-validation on the training data: ``rasa test nlu --cross-validation``;
  we read Rasa's ``response_selection_report.json`` (per ``faq/<id>`` label).
* Held-out evaluation: a model trained on ``data/`` (``rasa train nlu``) parses every
  question of each question set in ``tests/nlu/`` (:data:`QUESTION_SETS`). The predicted
  label is the full retrieval label: ``faq/<id>`` from the response selector's
  ``intent_response_key`` when the intent is ``faq``, otherwise the intent name (e.g.
  ``out_of_scope``). We report per-label precision/recall/F1 and confusions per set. The
  answer gate's threshold is tuned on the tuning sets together; the blind set, which
  nobody tuned anything on, shows what that threshold does on unseen questions.

Run with ``python -m devtools.evaluation.nlu`` (what ``make evaluate`` calls).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.faq.content import RETRIEVAL_INTENT
from bot.faq.neighbours import faq_neighbours
from devtools.evaluation.nlu_metrics import (
    BLIND,
    TARGET_MACRO_F1,
    TUNING,
    Prediction,
    full_label,
    gate_summary,
    heldout_summary,
    macro_f1,
)
from devtools.evaluation.nlu_report import write_reports

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "config.yml"
DEFAULT_DATA = PROJECT_ROOT / "data"
QUESTIONS_DIR = PROJECT_ROOT / "tests" / "nlu"
DEFAULT_REPORT_DIR = PROJECT_ROOT / "reports"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QuestionSet:
    """A file of visitor questions written apart from the training data.

    ``tuning`` sets have been looked at while improving the assistant, so their figures
    are optimistic; a ``blind`` set is only ever scored.
    """

    name: str
    path: Path
    role: str
    description: str


QUESTION_SETS = (
    QuestionSet(
        "held-out 1",
        QUESTIONS_DIR / "faq_heldout.yml",
        TUNING,
        "written apart from the training data; its mistakes guided three rounds of "
        "training-data fixes",
    ),
    QuestionSet(
        "held-out 2",
        QUESTIONS_DIR / "faq_heldout_2.yml",
        TUNING,
        "written by someone who had not seen the training data; used to choose the "
        "featurizer configuration, never to write training phrasings",
    ),
    QuestionSet(
        "blind",
        QUESTIONS_DIR / "faq_blind_test.yml",
        BLIND,
        "written by someone who had seen neither the training data nor the other sets; "
        "never tuned on, but scored several times since 2026-11-21",
    ),
    QuestionSet(
        "blind 4",
        QUESTIONS_DIR / "faq_blind_4.yml",
        BLIND,
        "written on 2026-12-04 from the clinic pages and the topic list only; first scored "
        "after the answer gate's second opinion, never tuned on",
    ),
)
DEFAULT_HELDOUT = QUESTION_SETS[0].path


def _rasa_executable() -> str:
    candidate = Path(sys.executable).with_name("rasa")
    return str(candidate) if candidate.exists() else "rasa"


def _rasa_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return env


def read_examples(path: str | Path) -> list[tuple[str, str]]:
    """``(text, full_label)`` pairs from a Rasa NLU YAML file (``faq/<id>`` kept whole)."""
    document = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    pairs: list[tuple[str, str]] = []
    for block in document.get("nlu") or []:
        intent = block.get("intent")
        if not intent:
            continue
        for line in str(block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                pairs.append((line[2:].strip(), intent))
    return pairs


def _run_rasa_nlu(command: str, config: Path, data: Path, out_dir: Path, *options: str) -> None:
    """``rasa <command> nlu`` with ``config`` on ``data``, writing into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    argv = [_rasa_executable(), command, "nlu", "--config", str(config), "--nlu", str(data)]
    argv += ["--out", str(out_dir), *options]
    log.info("rasa %s nlu: %s", command, " ".join(argv))
    subprocess.run(argv, check=True, env=_rasa_env(), cwd=PROJECT_ROOT)


def train_model(config: Path, data: Path, out_dir: Path) -> Path:
    """Train an NLU model with ``rasa train nlu``; return the model archive path."""
    _run_rasa_nlu("train", config, data, out_dir, "--fixed-model-name", "faq-eval")
    model = out_dir / "faq-eval.tar.gz"
    if not model.is_file():
        raise RuntimeError(f"training produced no model at {model}")
    return model


def default_model() -> Path | None:
    """The project's trained model (``make train``) if it matches the current inputs."""
    try:
        from devtools.tooling.training import is_up_to_date, model_path
    except ImportError:
        return None
    return model_path() if is_up_to_date() else None


def _quiet_rasa_logs() -> None:
    """Rasa logs every parse at debug level; keep the evaluation output readable."""
    for name in ("rasa", "tensorflow", "absl"):
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        from rasa.utils.log_utils import configure_structlog

        configure_structlog(logging.WARNING)
    except ImportError:  # older Rasa without structlog
        pass


async def _parse_all(model: Path, texts: list[str]) -> list[dict[str, Any]]:
    from rasa.core.agent import Agent

    _quiet_rasa_logs()

    agent = Agent.load(str(model))
    return [await agent.parse_message(text) for text in texts]


def evaluate_files(model: Path, paths: Iterable[Path]) -> list[list[Prediction]]:
    """Parse every question of every file with ``model``, loaded once; predictions per file."""
    pairs_per_file = [read_examples(path) for path in paths]
    pairs = [pair for file_pairs in pairs_per_file for pair in file_pairs]
    predictions = _predictions(pairs, asyncio.run(_parse_all(model, [text for text, _ in pairs])))
    result, start = [], 0
    for file_pairs in pairs_per_file:
        result.append(predictions[start : start + len(file_pairs)])
        start += len(file_pairs)
    return result


def _predictions(pairs: list[tuple[str, str]], parsed: list[dict[str, Any]]) -> list[Prediction]:
    predictions = []
    for (text, truth), message in zip(pairs, parsed, strict=True):
        predicted, key, confidence = full_label(message)
        intent = message.get("intent") or {}
        nearest = faq_neighbours().nearest_topics(text) if key else []
        predictions.append(
            Prediction(
                text=text,
                truth=truth,
                predicted=predicted,
                intent=intent.get("name") or "",
                intent_confidence=round(float(intent.get("confidence") or 0.0), 4),
                response_key=key,
                response_confidence=round(confidence, 4),
                neighbours=tuple((topic, round(score, 4)) for topic, score in nearest),
            )
        )
    return predictions


def run_cross_validation(config: Path, data: Path, out_dir: Path, folds: int = 5) -> dict[str, Any]:
    """Run ``rasa test nlu --cross-validation``; return per-label results for FAQ labels."""
    options = ("--cross-validation", "--folds", str(folds), "--no-plot")
    _run_rasa_nlu("test", config, data, out_dir, *options)
    return summarise_cv_reports(out_dir, folds)


def summarise_cv_reports(out_dir: Path, folds: int) -> dict[str, Any]:
    """Per-label metrics and macro F1 from Rasa's cross-validation report files."""
    report_path = out_dir / "response_selection_report.json"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    labels = {
        label: {
            "precision": round(values["precision"], 4),
            "recall": round(values["recall"], 4),
            "f1": round(values["f1-score"], 4),
            "support": values["support"],
        }
        for label, values in report.items()
        if isinstance(values, dict) and label.startswith(f"{RETRIEVAL_INTENT}/")
    }
    summary: dict[str, Any] = {
        "folds": folds,
        "labels": labels,
        "macro_f1": macro_f1(labels),
        "confused_with": {
            label: values.get("confused_with", {})
            for label, values in report.items()
            if isinstance(values, dict) and values.get("confused_with")
        },
    }
    intent_report_path = out_dir / "intent_report.json"
    if intent_report_path.is_file():
        intent_report = json.loads(intent_report_path.read_text(encoding="utf-8"))
        summary["intent_macro_f1"] = round(intent_report.get("macro avg", {}).get("f1-score", 0), 4)
    return summary


def build_parser() -> argparse.ArgumentParser:
    """Arguments for ``python -m devtools.evaluation.nlu``."""
    parser = argparse.ArgumentParser(prog="python -m devtools.evaluation.nlu", description=__doc__)
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="training data dir/file")
    parser.add_argument(
        "--heldout",
        type=Path,
        action="append",
        default=None,
        help="score this question file as a tuning set instead of the project's sets (repeatable)",
    )
    parser.add_argument(
        "--model",
        type=Path,
        default=None,
        help="use this model (default: models/intake.tar.gz when up to date, else train one)",
    )
    parser.add_argument("--report-dir", type=Path, default=DEFAULT_REPORT_DIR)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip-cv", action="store_true", help="held-out evaluation only")
    parser.add_argument("--skip-heldout", action="store_true", help="cross-validation only")
    parser.add_argument(
        "--fail-under",
        type=float,
        default=None,
        help="exit 1 if any question set's macro F1 is lower",
    )
    return parser


def question_sets(paths: list[Path] | None) -> tuple[QuestionSet, ...]:
    """The project's question sets, or the given files as tuning sets named by file name."""
    if not paths:
        return QUESTION_SETS
    return tuple(QuestionSet(path.stem, path, TUNING, "") for path in paths)


def evaluate_sets(model: Path, sets: Iterable[QuestionSet]) -> dict[str, Any]:
    """Score ``model`` on every question set; tune the answer gate on the tuning sets."""
    sets = tuple(sets)
    per_file = evaluate_files(model, [item.path for item in sets])
    predictions = {item.name: preds for item, preds in zip(sets, per_file, strict=True)}
    summaries = {
        item.name: {
            "file": str(item.path),
            "role": item.role,
            "description": item.description,
            **heldout_summary(predictions[item.name]),
        }
        for item in sets
    }
    gate = gate_summary(predictions, {item.name: item.role for item in sets})
    return {"sets": summaries, "gate": gate}


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation, write the reports, print macro F1; returns the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    sets = question_sets(args.heldout)
    report: dict[str, Any] = {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "config": str(args.config),
        "data": str(args.data),
        "target_macro_f1": TARGET_MACRO_F1,
    }
    with tempfile.TemporaryDirectory(prefix="faq-eval-") as tmp:
        if not args.skip_heldout:
            # The project's model only stands for the default config and data.
            uses_defaults = (args.config, args.data) == (DEFAULT_CONFIG, DEFAULT_DATA)
            model = args.model or (default_model() if uses_defaults else None)
            report["model"] = str(model) if model else "trained for this run"
            if model is None:
                model = train_model(args.config, args.data, Path(tmp) / "models")
            report.update(evaluate_sets(model, sets))
        if not args.skip_cv:
            report["cross_validation"] = run_cross_validation(
                args.config, args.data, Path(tmp) / "cv", folds=args.folds
            )
    json_path, md_path = write_reports(report, args.report_dir)
    for name, held in (report.get("sets") or {}).items():
        print(f"{name}: macro F1 {held['macro_f1']} (FAQ labels: {held['faq_macro_f1']})")
    if "gate" in report:
        print(f"chosen FAQ answer threshold: {report['gate']['chosen_threshold']['threshold']}")
        for name, row in report["gate"]["blind"].items():
            print(
                f"{name} at that threshold: {row['answered_correct']} correct, "
                f"{row['answered_wrong']} wrong, {row['not_sure']} not sure"
            )
    if "cross_validation" in report:
        cv_f1 = report["cross_validation"]["macro_f1"]
        print(f"cross-validation macro F1 ({args.folds} folds): {cv_f1}")
    print(f"reports: {json_path} {md_path}")
    if args.fail_under is not None and any(
        held["macro_f1"] < args.fail_under for held in (report.get("sets") or {}).values()
    ):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
