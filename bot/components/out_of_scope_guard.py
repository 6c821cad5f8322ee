"""Rasa NLU component: a message clearly about something outside our field (passport, toeslagen, waste
collection...) becomes `out_of_scope`, unless the classifier is sure it is one of our situations in a
longer story (where such a word is a side remark), or the classifier chose a situation whose keywords in the
knowledge base include that word. The answer then names where to go instead.
"""
from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.intent_override import override_intent
from knowledge.model import situation_of_intent
from knowledge.out_of_scope import out_of_scope_topic
from knowledge.store import shared_store

OUT_OF_SCOPE = "out_of_scope"


def _situation_lists_the_word(intent: str, text: str) -> bool:
    """The knowledge base lists the out-of-scope word as a keyword of the situation the classifier chose
    (zorgtoeslag when you turn 18, for instance): then it is our field after all."""
    try:
        situation = shared_store().kb.situations.get(situation_of_intent(intent) or "")
    except RuntimeError:  # no valid knowledge base: the guard decides alone
        return False
    lowered = text.lower()
    return bool(situation) and any(out_of_scope_topic(word) and word.lower() in lowered for word in situation.keywords)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class OutOfScopeGuard(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"sure": 0.9, "long_message_words": 15, "likely": 0.5}

    def __init__(self, config: Dict[str, Any]):
        self.config = config

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "OutOfScopeGuard":
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/") or not out_of_scope_topic(text):
                continue
            intent = message.get(INTENT) or {}
            name, confidence = str(intent.get("name", "")), intent.get("confidence") or 0
            sure_situation = (situation_of_intent(name) is not None and confidence >= self.config["sure"]
                              and len(text.split()) > self.config["long_message_words"])
            if sure_situation or (confidence >= self.config["likely"] and _situation_lists_the_word(name, text)):
                continue
            override_intent(message, OUT_OF_SCOPE)
        return messages
