"""Profile breakdown by component from py-spy's collapsed stacks."""

from devtools.bench.profile import breakdown, component_of


def test_innermost_matching_frame_names_the_component():
    stack = (
        "run (sanic/app.py:1);handle (rasa/core/processor.py:2);"
        "process (rasa/nlu/classifiers/diet_classifier.py:3);call (tensorflow/x.py:4)"
    )
    assert component_of(stack) == "TensorFlow runtime"
    assert component_of("f (bot/safety/crisis_matcher.py:9)") == "crisis detector (spaCy Matcher)"
    assert component_of("f (somewhere/else.py:1)") == "other"


def test_breakdown_shares_add_up_and_skip_idle():
    collapsed = "\n".join(
        [
            "a (sqlalchemy/engine.py:1) 30",
            "b (tensorflow/ops.py:2) 70",
            "loop (asyncio/base_events.py:1);select (selectors.py:468) 500",
        ]
    )
    shares = dict(breakdown(collapsed))
    assert shares == {"TensorFlow runtime": 70.0, "database (SQL)": 30.0}
