"""Rasa NLU component, last in the pipeline: a detected danger signal wins over the intent.

Three layers, from certain to suspected:
1. the deterministic patterns (safety/danger.py): the message gets the entity `gevaar_soort` (the category)
   and the intent `gevaar` (confidence 1.0), unless the classifier read it as a question about that very
   danger (one of the violence situations among its three best guesses, e.g. "wat kan ik doen, mijn vader
   slaat mijn moeder"): then that situation becomes the intent and the first reply starts with the same
   crisis answer (actions/safety_reply.py) before the route. Of the other entities only the facts
   (gemeente, age, persona, school type) are kept.
2. the intent classifier: `gevaar` as its best guess gives the full crisis answer; as runner-up to a
   situation (or another intent answered by an action, see `numbers_above_answer_for`) it gives a suspicion
   (layer 3), as runner-up to anything else (greet, goodbye...) the full answer.
3. a binary danger classifier trained with the model (safety/danger_classifier.py): above `note_threshold`
   the message keeps its intent but gets `gevaar_vermoeden` (the probability) in its parse data, and the
   first reply of the action server puts the crisis numbers above the normal answer.
   A false alarm then costs one line, not the user's answer.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional


from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.intent_override import override_intent
from bot.components.stored_model import StoredModelComponent
from knowledge.model import situation_of_intent
from safety import danger_classifier
from safety.danger import SITUATIONS_FOR_DANGER, detect

DANGER_INTENT = "gevaar"
KEPT_FACTS = ("gemeente", "leeftijd", "persona", "schooltype")
SUSPICION_KEY = "gevaar_vermoeden"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class DangerDetector(StoredModelComponent):
    MODEL_FILE = "gevaar_classifier.joblib"
    NOT_LOADED = "Danger classifier not loaded (%s); only patterns and intent classifier are used."

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            # A miss can cost a life, a false alarm costs one calm message: when the classifier has `gevaar`
            # among its two best guesses with at least this confidence, treat it as danger even if the
            # FallbackClassifier found the message unclear.
            "classifier_min_confidence": 0.2,
            # The binary danger classifier's probability above which the crisis numbers go above the answer.
            # Chosen by 5-fold cross-validation on the training pool: the lowest threshold step with
            # recall >= 0.90 (0.92, at 8 % of ordinary messages getting the extra line); see README.
            "note_threshold": 0.3,
            # Besides the situations, the intents whose first reply comes from an action that can put the crisis
            # numbers above it (actions.actions.crisis_numbers_first): `gevaar` as their runner-up gives that line;
            # for the others (greet, goodbye...) it gives the full crisis answer.
            "numbers_above_answer_for": ["out_of_scope", "vraag_mens", "inform", "affirm", "deny"],
            # Intents whose examples are danger for the binary classifier (the violence situations too:
            # their messages get the crisis numbers first as well).
            "danger_intents": [DANGER_INTENT, "sit_huiselijk_geweld", "sit_kindermishandeling_zorgen", "sit_seksueel_misbruik"],
        }

    def train(self, training_data: TrainingData) -> Resource:
        danger, ordinary = danger_classifier.development_examples()
        for example in training_data.intent_examples:
            text = example.get(TEXT) or ""
            (danger if example.get(INTENT) in self.config["danger_intents"] else ordinary).append(text)
        return self.store(danger_classifier.train(danger, ordinary))

    def _guesses(self, message: Message) -> List[Dict[str, Any]]:
        """The classifier's ranking without the FallbackClassifier's entry."""
        return [r for r in message.get(INTENT_RANKING_KEY, []) if r.get("name") != "nlu_fallback"]

    def _danger_guess(self, message: Message) -> Optional[int]:
        """0 or 1: the place of `gevaar` among the classifier's two best guesses (with enough confidence)."""
        for place, guess in enumerate(self._guesses(message)[:2]):
            if guess.get("name") == DANGER_INTENT and (guess.get("confidence") or 0) >= self.config["classifier_min_confidence"]:
                return place
        return None

    def _situation_about(self, message: Message, category: str) -> Optional[str]:
        """A question about the very danger the patterns found (e.g. domestic violence: what can I do, where do I
        report): the situation about it among the classifier's three best guesses."""
        wanted = SITUATIONS_FOR_DANGER.get(category, ())
        return next((g["name"] for g in self._guesses(message)[:3] if situation_of_intent(g.get("name")) in wanted), None)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue
            danger = detect(text)
            if danger is not None:
                override_intent(message, self._situation_about(message, danger.category) or DANGER_INTENT)
                # keep the facts about where and who (the route after the crisis numbers uses them)
                facts = [e for e in message.get(ENTITIES, []) if e.get("entity") in KEPT_FACTS]
                message.set(ENTITIES, facts + [{"entity": "gevaar_soort", "value": danger.category, "start": 0, "end": 0,
                                                "confidence_entity": 1.0, "extractor": self.__class__.__name__}],
                            add_to_output=True)
                continue
            place = self._danger_guess(message)
            first = (self._guesses(message) or [{}])[0].get("name", "")
            answered_by_action = situation_of_intent(first) is not None or first in self.config["numbers_above_answer_for"]
            if place == 0 or (place == 1 and not answered_by_action):
                override_intent(message, DANGER_INTENT)
                continue
            # gevaar as runner-up to a situation, or the binary classifier worried: numbers above the route
            probability = danger_classifier.danger_probability(self.model, text) if self.model is not None else 0.0
            if place == 1 or probability >= self.config["note_threshold"]:
                message.set(SUSPICION_KEY, round(max(probability, self.config["note_threshold"]), 2), add_to_output=True)
        return messages
