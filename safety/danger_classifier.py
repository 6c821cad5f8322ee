"""A learned second opinion on danger: a binary classifier over character and word n-grams.

The patterns in safety/danger.py catch the wordings we know; this model generalises to wordings we
have not seen. It is trained with the assistant (by the DangerDetector NLU component) on the NLU
examples of the danger intents against all other examples, plus the two safety development sets in
this folder. Its probability is used as a *suspicion*: the bot then puts the crisis numbers above its
normal answer instead of replacing the answer (see bot/components/danger_detector.py).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, List, Sequence, Tuple

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from safety.danger import normalise

DEVELOPMENT_SETS = sorted(Path(__file__).parent.glob("ontwikkelset_*.yml"))


def development_examples(paths: Iterable[Path] = DEVELOPMENT_SETS) -> Tuple[List[str], List[str]]:
    """(danger, ordinary) messages of the safety development sets."""
    danger: List[str] = []
    ordinary: List[str] = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        danger += [case["tekst"] for case in data["gevaar"]]
        ordinary += [case["tekst"] if isinstance(case, dict) else case for case in data["geen_gevaar"]]
    return danger, ordinary


def train(danger: Sequence[str], ordinary: Sequence[str]) -> Pipeline:
    features = make_union(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
                          TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True))
    # balanced: danger is about one in six examples; recall matters more than precision
    model = make_pipeline(features, LogisticRegression(C=5.0, class_weight="balanced", max_iter=2000))
    model.fit([normalise(t) for t in list(danger) + list(ordinary)], [1] * len(danger) + [0] * len(ordinary))
    return model


def danger_probability(model: Pipeline, text: str) -> float:
    return float(model.predict_proba([normalise(text)])[0][1])
