"""Where the time goes: py-spy samples a running process; summarise by component."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

# First matching fragment of a frame's file path names the component it belongs to.
COMPONENTS = (
    ("bot/safety", "crisis detector (spaCy Matcher)"),
    ("bot/rasa_runtime/tracker_store", "tracker store (SQL)"),
    ("bot/db", "database (SQL)"),
    ("rasa/nlu/featurizers", "featurizers (count vectors, lexical)"),
    ("rasa/nlu/classifiers/diet", "DIET intent classifier (TensorFlow)"),
    ("rasa/nlu/selectors", "ResponseSelector (TensorFlow)"),
    ("tensorflow", "TensorFlow runtime"),
    ("keras", "TensorFlow runtime"),
    ("spacy", "spaCy tokenizer/lemmatizer"),
    ("rasa/core/tracker_store", "tracker store (SQL)"),
    ("sqlalchemy", "database (SQL)"),
    ("sqlite3", "database (SQL)"),
    ("psycopg2", "database (SQL)"),
    ("rasa/core/actions/action", "custom action calls (tracker state, events)"),
    ("rasa_sdk", "custom action calls (tracker state, events)"),
    ("/actions/", "custom actions and bot/ logic"),
    ("/bot/", "custom actions and bot/ logic"),
    ("rasa/core/policies", "RulePolicy"),
    ("rasa/shared/core/trackers", "tracker replay / featurisation"),
    ("rasa/shared/core", "tracker replay / featurisation"),
    ("uvicorn", "HTTP server (uvicorn, Starlette)"),
    ("starlette", "HTTP server (uvicorn, Starlette)"),
    ("h11", "HTTP server (uvicorn, Starlette)"),
    ("asyncio", "event loop"),
)


def record(pid: int, seconds: int, out: Path) -> Path:
    """Sample ``pid`` for ``seconds`` with py-spy into collapsed-stack text at ``out``."""
    py_spy = Path(sys.executable).with_name("py-spy")
    subprocess.run(
        [str(py_spy), "record", "--pid", str(pid), "--duration", str(seconds), "--rate", "200",
         "--format", "raw", "--output", str(out), "--nonblocking"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return out


def component_of(stack: str) -> str:
    """The component of the innermost frame that matches one of :data:`COMPONENTS`."""
    for frame in reversed(stack.split(";")):
        for fragment, name in COMPONENTS:
            if fragment in frame:
                return name
    return "other"


def breakdown(collapsed: str) -> list[tuple[str, float]]:
    """Share of samples per component (busy samples only: idle waits are excluded)."""
    counts: Counter[str] = Counter()
    for line in collapsed.splitlines():
        stack, _, number = line.rpartition(" ")
        if not stack or not number.isdigit():
            continue
        if "select (selectors.py" in stack or "_run_once" in stack.split(";")[-1]:
            continue
        counts[component_of(stack)] += int(number)
    total = sum(counts.values()) or 1
    return [(name, round(100 * n / total, 1)) for name, n in counts.most_common()]
