"""Search over the situations of the knowledge base (titles, keywords, ids) for the route pages.

Deterministic and small: a query word scores when it equals, starts, or (for longer words) nearly
equals a word of a title or keyword. Words that say nothing ("mijn", "school" is kept) are ignored, so
a query of nonsense finds nothing instead of everything.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Iterable, List, Set, Tuple

from knowledge.model import KnowledgeBase, Situation

STOPWORDS = {
    "de", "het", "een", "en", "of", "in", "op", "van", "voor", "met", "bij", "naar", "aan", "om", "te", "is", "er",
    "ik", "je", "jij", "u", "we", "wij", "hij", "zij", "ze", "mijn", "m'n", "mn", "jouw", "uw", "zijn", "haar", "ons",
    "onze", "wat", "wie", "waar", "hoe", "wanneer", "welke", "die", "dat", "dit", "deze", "niet", "geen", "wel", "nog",
    "al", "ook", "maar", "als", "dan", "wil", "kan", "moet", "heeft", "hebben", "gaat", "doen", "meer",
}
MIN_WORD = 3
FUZZY_MIN_WORD = 5
FUZZY_CUTOFF = 0.8
MIN_SCORE = 0.5  # below this a match is a coincidence (one fuzzy word of a longer query)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", (text or "").lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9]+", " ", text)).strip()


def query_words(query: str) -> List[str]:
    return [w for w in normalise(query).split() if len(w) >= MIN_WORD and w not in STOPWORDS]


def _words(texts: Iterable[str]) -> Set[str]:
    return {w for text in texts for w in normalise(text).split() if len(w) >= MIN_WORD and w not in STOPWORDS}


def _word_score(word: str, title: Set[str], keywords: Set[str]) -> float:
    best = 0.0
    for vocabulary, weight in ((title, 3.0), (keywords, 2.0)):
        if word in vocabulary:
            best = max(best, weight)
        elif len(word) >= 4 and any(v.startswith(word) or (len(v) >= 0.6 * len(word) and word.startswith(v))
                                   for v in vocabulary):
            best = max(best, weight / 2)
        elif len(word) >= FUZZY_MIN_WORD and difflib.get_close_matches(
                word, [v for v in vocabulary if len(v) >= FUZZY_MIN_WORD], n=1, cutoff=FUZZY_CUTOFF):
            best = max(best, weight / 3)
    return best


def score(situation: Situation, query: str) -> float:
    words = query_words(query)
    if not words:
        return 0.0
    title = _words([situation.title, situation.id.replace("_", " ")])
    keywords = _words(situation.keywords)
    total = sum(_word_score(w, title, keywords) for w in words)
    if total == 0:
        return 0.0
    phrase = normalise(query)
    if any(phrase == normalise(k) for k in situation.keywords) or phrase == normalise(situation.title):
        total += 5.0
    matched = sum(1 for w in words if _word_score(w, title, keywords) > 0)
    return total * matched / len(words)  # favour situations that match all the words asked


def search(kb: KnowledgeBase, query: str, limit: int = 10) -> List[Tuple[Situation, float]]:
    found = [(s, score(s, query)) for s in kb.situations.values()]
    found = [(s, sc) for s, sc in found if sc >= MIN_SCORE]
    found.sort(key=lambda item: (-item[1], item[0].title))
    return found[:limit]
