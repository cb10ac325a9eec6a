"""Safety evaluation entry for ``make evaluate`` (implementation: bot/safety/evaluation.py)."""

from __future__ import annotations

from bot.safety.evaluation import evaluate_assistant, evaluate_matcher, main, run

__all__ = ["evaluate_assistant", "evaluate_matcher", "main", "run"]

if __name__ == "__main__":
    raise SystemExit(main())
