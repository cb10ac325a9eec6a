"""``python -m bot.evaluation`` (``make evaluate``): every evaluation, reports under reports/.

Runs the FAQ NLU evaluation (cross-validation + held-out, :mod:`bot.evaluation.nlu`) and
then the safety evaluation when :mod:`bot.evaluation.safety` provides ``main``.
Exit code is non-zero if any of them fails.
"""

from __future__ import annotations

import importlib
import sys

EVALUATIONS = ("bot.evaluation.nlu", "bot.evaluation.safety")


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
        worst = max(worst, int(runner(argv if name.endswith(".nlu") else None) or 0))
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or None))
