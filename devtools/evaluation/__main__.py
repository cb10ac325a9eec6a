"""``python -m devtools.evaluation`` (``make evaluate``): every evaluation, reports under reports/.

Runs the FAQ NLU evaluation (cross-validation + held-out, :mod:`devtools.evaluation.nlu`), the
safety evaluation, then the two evaluations through the running assistant: typed replies
(:mod:`devtools.evaluation.understanding`) and real visitors' questions
(:mod:`devtools.evaluation.visitor_questions`).
Exit code is non-zero if any of them fails.
"""

from __future__ import annotations

import importlib
import sys

EVALUATIONS = (
    "devtools.evaluation.nlu",
    "devtools.evaluation.safety",
    "devtools.evaluation.understanding",
    "devtools.evaluation.visitor_questions",
)


def main(argv: list[str] | None = None) -> int:
    """Run each available evaluation's ``main``; return the worst exit code."""
    worst = 0
    for name in EVALUATIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            print(f"skipping {name}: not present", file=sys.stderr)
            continue
        runner = getattr(module, "main", None)
        if runner is None:
            continue
        worst = max(worst, int(runner(argv if name.endswith(".nlu") else []) or 0))
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or None))
