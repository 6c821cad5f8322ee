"""Rasa NLU component: adds gemeente, schoolgemeente, leeftijd, schooltype and persona entities.

It reads the gemeenten from the knowledge base at run time (not at training time), so adding a
gemeente or an alias to the YAML works without retraining.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from knowledge.extract import find_facts
from knowledge.store import shared_store

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class FactExtractor(GraphComponent, EntityExtractorMixin):
    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "FactExtractor":
        return cls()

    def _kb(self):
        try:
            return shared_store().kb
        except Exception:  # no valid knowledge: still extract age, school type and persona
            logger.exception("Kennisbank niet beschikbaar voor het herkennen van gemeenten")
            return None

    def process(self, messages: List[Message]) -> List[Message]:
        kb = self._kb()
        for message in messages:
            text: Optional[str] = message.get(TEXT)
            if not text or text.startswith("/"):
                continue
            entities = list(message.get(ENTITIES, []))
            for found in find_facts(text, kb):
                entities.append({
                    "entity": found.entity, "value": found.value, "start": found.start, "end": found.end,
                    "confidence_entity": 1.0, "extractor": self.__class__.__name__,
                })
            message.set(ENTITIES, entities, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
