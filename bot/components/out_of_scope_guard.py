"""Rasa NLU component: a message clearly about something outside our field (passport, toeslagen, waste
collection...) becomes `out_of_scope`, unless the classifier is sure it is one of our situations in a
longer story (where such a word is a side remark). The answer then names where to go instead.
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
from knowledge.out_of_scope import out_of_scope_topic

OUT_OF_SCOPE = "out_of_scope"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class OutOfScopeGuard(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"sure": 0.9, "long_message_words": 15}

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
            sure_situation = (str(intent.get("name", "")).startswith("sit_")
                              and (intent.get("confidence") or 0) >= self.config["sure"]
                              and len(text.split()) > self.config["long_message_words"])
            if sure_situation:
                continue
            override_intent(message, OUT_OF_SCOPE)
        return messages
