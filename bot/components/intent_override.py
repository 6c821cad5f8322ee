"""Shared by the rule-based NLU components: replace the classifier's intent with a certain one."""
from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


def override_intent(message: Message, name: str) -> None:
    """`name` becomes the intent with confidence 1.0 and heads the ranking; the other guesses stay below it."""
    intent = {"name": name, "confidence": 1.0}
    ranking = [intent] + [r for r in message.get(INTENT_RANKING_KEY, []) if r.get("name") != name]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
