"""Rasa NLU component: intent classifier on word and character n-grams with a calibrated linear SVM.

Chosen over DIET by cross-validation (README, "NLU pipeline choice"): with 50-100 examples per intent
and no pretrained Dutch vectors, a linear model on tf-idf n-grams generalises better, and the calibrated
probabilities make the FallbackClassifier's threshold and the "which topic did you mean?" buttons
meaningful. Character n-grams within words carry spelling errors and chat-speak ("mn", "word" for
"wordt"); word n-grams carry phrases ("geen school").
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Dict, List

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline, make_pipeline, make_union
from sklearn.svm import LinearSVC

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.stored_model import StoredModelComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(StoredModelComponent):
    MODEL_FILE = "intent_classifier.joblib"
    NOT_LOADED = "Intent classifier not loaded (%s); every message will go to the fallback."

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "C": 0.5,  # SVM regularisation; 0.5-2 scored the same in cross-validation, lower underfits
            "char_ngrams": [1, 4],
            "word_ngrams": [1, 2],
            "calibration_folds": 3,  # each intent needs at least this many examples
            "ranking_length": 10,
        }

    def _new_model(self) -> Pipeline:
        features = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.config["char_ngrams"]), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=tuple(self.config["word_ngrams"]), sublinear_tf=True))
        svm = LinearSVC(C=self.config["C"])
        return make_pipeline(features, CalibratedClassifierCV(svm, cv=self.config["calibration_folds"], method="sigmoid"))

    def train(self, training_data: TrainingData) -> Resource:
        examples = [(e.get(TEXT), e.get(INTENT)) for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        too_few = sorted(i for i, n in Counter(i for _, i in examples).items() if n < self.config["calibration_folds"])
        if too_few:
            raise ValueError(f"Intents with fewer than {self.config['calibration_folds']} examples cannot be "
                             f"trained: {', '.join(too_few)}")
        texts, intents = zip(*examples)
        # numpy labels: scikit-learn 1.1's calibration counts examples per class with `y == class_`
        return self.store(self._new_model().fit(list(texts), np.array(intents)))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None:
            return messages
        texts = [m.get(TEXT) or "" for m in messages]
        probabilities = self.model.predict_proba(texts)
        classes = self.model.classes_
        for message, text, row in zip(messages, texts, probabilities):
            if not text.strip():
                continue
            ranking = [{"name": str(classes[i]), "confidence": float(row[i])}
                       for i in row.argsort()[::-1][: self.config["ranking_length"]]]
            message.set(INTENT, dict(ranking[0]), add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
