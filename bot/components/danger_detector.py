"""Rasa NLU component, last in the pipeline: a detected danger signal overrides the intent.

The intent becomes `gevaar` (confidence 1.0) with the entity `gevaar_soort`; of the other entities only the
facts (gemeente, age, persona, school type) are kept, for the route that may follow the crisis numbers.
"""
from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.intent_override import override_intent
from safety.danger import detect

DANGER_INTENT = "gevaar"
KEPT_FACTS = ("gemeente", "leeftijd", "persona", "schooltype")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class DangerDetector(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # A miss can cost a life, a false alarm costs one calm message: when the classifier has `gevaar`
        # among its two best guesses with at least this confidence, treat it as danger even if the
        # FallbackClassifier found the message unclear.
        return {"classifier_min_confidence": 0.2}

    def __init__(self, config: Dict[str, Any]):
        self.config = config

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "DangerDetector":
        return cls(config)

    def _classifier_suspects_danger(self, message: Message) -> bool:
        ranking = [r for r in message.get(INTENT_RANKING_KEY, []) if r.get("name") != "nlu_fallback"][:2]
        return any(r.get("name") == DANGER_INTENT and (r.get("confidence") or 0) >= self.config["classifier_min_confidence"]
                   for r in ranking)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue
            danger = detect(text)
            if danger is None:
                if self._classifier_suspects_danger(message):
                    override_intent(message, DANGER_INTENT)
                continue
            override_intent(message, DANGER_INTENT)
            # keep the facts about where and who (the route after the crisis numbers uses them)
            facts = [e for e in message.get(ENTITIES, []) if e.get("entity") in KEPT_FACTS]
            message.set(ENTITIES, facts + [{"entity": "gevaar_soort", "value": danger.category, "start": 0, "end": 0,
                                            "confidence_entity": 1.0, "extractor": self.__class__.__name__}],
                        add_to_output=True)
        return messages
