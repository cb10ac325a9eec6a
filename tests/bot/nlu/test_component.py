"""bot.nlu.component: Rasa's graph builds our components through one signature."""

from __future__ import annotations

from typing import Any

import pytest

from bot.nlu.component import Component, GraphContext


class _Remembers(Component):
    def __init__(self, context: GraphContext) -> None:
        self.context = context

    @classmethod
    def build(cls, context: GraphContext) -> _Remembers:
        return cls(context)


class _Unbuilt(Component):
    pass


def _create(cls: Any) -> Any:
    return cls.create(
        {"patterns": None}, model_storage="storage", resource="resource", execution_context="ctx"
    )


def test_create_passes_what_rasa_hands_over_to_build():
    made = _create(_Remembers)
    assert made.context == GraphContext({"patterns": None}, "storage", "resource", "ctx")


def test_a_component_that_does_not_say_how_it_is_built_fails_by_name():
    with pytest.raises(NotImplementedError, match="_Unbuilt"):
        _create(_Unbuilt)
