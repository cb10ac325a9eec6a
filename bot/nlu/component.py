"""The base of our Rasa graph components: the one signature Rasa's graph builds them with.

Rasa calls ``create(config, model_storage, resource, execution_context)`` (by keyword,
checking the annotations); each component says in :meth:`Component.build` which of those
it needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


@dataclass(frozen=True)
class GraphContext:
    """What Rasa's graph hands a component it builds."""

    config: dict[str, Any]
    model_storage: ModelStorage
    resource: Resource
    execution_context: ExecutionContext


class Component(GraphComponent):
    """A graph component made by :meth:`build` from the :class:`GraphContext`."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        """Build the component for Rasa's graph (see :meth:`build`)."""
        return cls.build(GraphContext(config, model_storage, resource, execution_context))

    @classmethod
    def build(cls, context: GraphContext) -> Self:
        """The component for ``context``."""
        raise NotImplementedError(f"{cls.__name__} must say how it is built")
