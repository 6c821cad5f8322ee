"""Rasa NLU component: lowers the intent confidence of messages made of words never seen in training.

A classifier can be confident about gibberish (DIET said "blub qqq" -> thanks 0.99). When fewer than
`min_known_ratio` of the words in a message occur in the training data, and no fact was found, the
intent confidence is scaled down so the FallbackClassifier after it answers with a rephrase request.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Set

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.stored_model import StoredModelComponent

WORD = re.compile(r"[a-zà-ÿ]{2,}")


def words(text: str) -> List[str]:
    return WORD.findall(text.lower())


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsGuard(StoredModelComponent):
    MODEL_FILE = "vocabulary.joblib"  # the set of words seen in training
    NOT_LOADED = "Vocabulary not loaded (%s); the unknown-words guard is off."

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"min_known_ratio": 0.34, "penalty": 0.2}

    def train(self, training_data: TrainingData) -> Resource:
        vocabulary: Set[str] = set()
        for example in training_data.intent_examples:
            vocabulary.update(words(example.get(TEXT) or ""))
        return self.store(vocabulary)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if not self.model:
            return messages
        for message in messages:
            text = message.get(TEXT) or ""
            tokens = words(text)
            intent = message.get(INTENT)
            if not tokens or not intent or text.startswith("/") or message.get(ENTITIES):
                continue
            known = sum(token in self.model for token in tokens) / len(tokens)
            if known < self.config["min_known_ratio"]:
                factor = self.config["penalty"]
                intent = dict(intent, confidence=intent.get("confidence", 0.0) * factor)
                ranking = [dict(r, confidence=r.get("confidence", 0.0) * factor) for r in message.get(INTENT_RANKING_KEY, [])]
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
