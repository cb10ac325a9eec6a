"""Crisis episodes: which crisis a message belongs to, so staff get one hand-off per episode.

Pure: reads Rasa's tracker events (plain dicts), no Rasa import, no database.
"""

from __future__ import annotations

from typing import Any

from bot.names import CONFIRM_SAFE_ACTION, CRISIS_RESPONSE_ACTION

CRISIS_INTENT = "crisis"


def crisis_event_key(events: list[dict[str, Any]]) -> str:
    """Idempotency key of the current crisis episode.

    An episode starts at the first crisis message (or crisis response, e.g. one the
    questionnaire triggered on a crisis answer) after the start or after the visitor said
    they were safe. Repeated crisis messages and Rasa retries reuse its key, so the care team
    gets one urgent hand-off per episode. The key uses the id of the user message that
    started the episode, unique across sessions; without ids it falls back to the episode
    number.
    """
    episodes = 0
    episode_key: str | None = None
    last_message_id: str | None = None

    def start_episode() -> str:
        nonlocal episodes
        episodes += 1
        return f"crisis:{last_message_id}" if last_message_id else f"crisis:{episodes}"

    for event in events:
        kind = event.get("event")
        if kind == "action" and event.get("name") == CONFIRM_SAFE_ACTION:
            episode_key = None
        elif kind == "user":
            last_message_id = event.get("message_id")
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if intent == CRISIS_INTENT and episode_key is None:
                episode_key = start_episode()
        elif (
            kind == "action" and event.get("name") == CRISIS_RESPONSE_ACTION and episode_key is None
        ):
            episode_key = start_episode()
    return episode_key or start_episode()
