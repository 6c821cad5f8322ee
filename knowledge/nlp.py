"""The Dutch spaCy pipeline: the real model where it is installed, a blank Dutch tokenizer otherwise."""
from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

logger = logging.getLogger(__name__)

MODEL = "nl_core_news_sm"


@lru_cache(maxsize=1)
def dutch() -> Language:
    try:
        nlp = spacy.load(MODEL, exclude=["ner", "parser"])
        logger.info("spaCy: model %s wordt gebruikt", MODEL)
    except OSError:
        nlp = spacy.blank("nl")
        logger.info("spaCy: %s is niet geïnstalleerd; spacy.blank('nl') wordt gebruikt (alleen tokenizer)", MODEL)
    return nlp
