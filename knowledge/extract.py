"""Deterministic extraction of the facts the router needs from free Dutch text.

gemeente (matched against the knowledge base, aliases and typos included), age (digits, words,
"groep 7", "brugklas", "net 18"), school type and persona. Used by the Rasa NLU component in
`bot/components` and by the form validation in the action server, so both read text the same way.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

from spacy.matcher import PhraseMatcher

from knowledge.model import KnowledgeBase
from knowledge.nlp import dutch


@dataclass(frozen=True)
class Found:
    entity: str
    value: object
    start: int
    end: int
    text: str


# ---- gemeente ----------------------------------------------------------------------------

class GemeenteMatcher:
    """Exact (case-insensitive, token-based) matches first, then close misspellings."""

    FUZZY_MIN_LEN = 4
    FUZZY_CUTOFF = 0.84

    def __init__(self, names: Dict[str, str]):
        # names: lower-case name or alias -> gemeente id
        self.nlp = dutch()
        self.names = names
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        # a misspelt name is only compared with names of as many words ("heen en" is no "Rheenen")
        self.names_by_size: Dict[int, List[str]] = {}
        for name, gemeente_id in names.items():
            doc = self.nlp.make_doc(name)
            self.matcher.add(gemeente_id, [doc])
            self.names_by_size.setdefault(len(doc), []).append(name)
        self.max_tokens = max(self.names_by_size, default=1)

    # Words after which a place name is expected: "wij wonen in wageninge", "gemeente nijmegn".
    PLACE_CUES = {"in", "uit", "bij", "te", "gemeente", "regio", "woonplaats", "omgeving", "buurt", "richting"}

    def _may_be_a_place(self, doc, span) -> bool:
        """Fuzzy matching only where a place name is likely, so ordinary words ("rennen", "heen en")
        are not read as a misspelt gemeente: a capitalised word, a short answer, or after a cue word."""
        if span[0].is_title and span.start > 0:
            return True
        if len(doc) <= 4:
            return True
        before = [t.lower_ for t in doc[max(0, span.start - 2):span.start]]
        if any(word in self.PLACE_CUES for word in before):
            return True
        return span[0].is_title and len(span.text) >= 6

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> "GemeenteMatcher":
        names: Dict[str, str] = {}
        for gemeente in kb.gemeenten.values():
            for name in (gemeente.name, *gemeente.aliases):
                names[name.strip().lower()] = gemeente.id
        return cls(names)

    def find(self, text: str) -> List[Found]:
        doc = self.nlp.make_doc(text)
        found: List[Found] = []
        taken = set()
        spans = sorted(
            ((self.nlp.vocab.strings[mid], s, e) for mid, s, e in self.matcher(doc)),
            key=lambda m: (-(m[2] - m[1]), m[1]),
        )
        for gemeente_id, start, end in spans:
            if taken & set(range(start, end)):
                continue
            taken |= set(range(start, end))
            span = doc[start:end]
            found.append(Found("gemeente", gemeente_id, span.start_char, span.end_char, span.text))
        for size in range(self.max_tokens, 0, -1):
            for start in range(0, len(doc) - size + 1):
                if taken & set(range(start, start + size)):
                    continue
                span = doc[start:start + size]
                if not self._may_be_a_place(doc, span):
                    continue
                candidate = span.text.lower()
                if len(candidate) < self.FUZZY_MIN_LEN or not any(c.isalpha() for c in candidate):
                    continue
                names = self.names_by_size.get(size, ())
                close = difflib.get_close_matches(candidate, names, n=1, cutoff=self.FUZZY_CUTOFF)
                if close:
                    taken |= set(range(start, start + size))
                    found.append(Found("gemeente", self.names[close[0]], span.start_char, span.end_char, span.text))
        return sorted(found, key=lambda f: f.start)


_matchers: Dict[str, GemeenteMatcher] = {}


def gemeente_matcher(kb: KnowledgeBase) -> GemeenteMatcher:
    """A matcher for this knowledge base version (rebuilt only when the knowledge changes)."""
    matcher = _matchers.get(kb.version)
    if matcher is None:
        _matchers.clear()
        matcher = _matchers[kb.version] = GemeenteMatcher.from_kb(kb)
    return matcher


# ---- age ---------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20,
    "eenentwintig": 21, "tweeëntwintig": 22, "tweeentwintig": 22, "drieëntwintig": 23, "drieentwintig": 23,
}
_NUM = r"(\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"

_AGE_PATTERNS: List[Tuple[re.Pattern, object]] = [
    (re.compile(r"\b(?:net|bijna|pas)\s+" + _NUM + r"\b(?!\s*(?:weken|maanden|dagen|uur))", re.I), None),
    (re.compile(r"\b" + _NUM + r"\s*(?:jaar|jr|jaren|jarige|jarig)\b", re.I), None),
    (re.compile(r"\b" + _NUM + r"jarige?\b", re.I), None),
    (re.compile(r"\b(?:ben|is|word|wordt|werd)\s+(?:nu\s+|al\s+|net\s+|bijna\s+)?" + _NUM + r"\b(?!\s*(?:weken|maanden|dagen|uur|keer|%))", re.I), None),
    (re.compile(r"\b(?:van|kind|zoon|dochter|puber|meisje|jongen)\s+(?:van\s+)?\(?" + _NUM + r"\)?(?=[\s,.!?)]|$)(?!\s*(?:weken|maanden|dagen|uur|jaar\s+geleden))", re.I), None),
    (re.compile(r"\b(\d{1,2})\s*\+", re.I), None),  # "18+"
    # derived from the school year, only when no age is stated
    (re.compile(r"\bgroep\s*(\d)\b", re.I), lambda n: n + 3),  # groep 1 is about 4 years old
    (re.compile(r"\bbrugklas\w*", re.I), 12),
]


def _to_int(token: str) -> Optional[int]:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return _NUMBER_WORDS.get(token)


def find_age(text: str, whole_message_is_answer: bool = False) -> Optional[Found]:
    for pattern, mapping in _AGE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        if callable(mapping):
            age = mapping(int(match.group(1)))
        elif isinstance(mapping, int):
            age = mapping
        else:
            age = _to_int(match.group(1))
        if age is not None and 0 <= age <= 30:
            return Found("leeftijd", age, match.start(), match.end(), match.group(0))
    if whole_message_is_answer:
        match = re.fullmatch(r"\s*" + _NUM + r"\s*(?:jaar|jr)?\s*[.!]?\s*", text, re.I)
        if match:
            age = _to_int(match.group(1))
            if age is not None and age <= 30:
                return Found("leeftijd", age, match.start(1), match.end(1), match.group(1))
    return None


# ---- school type -------------------------------------------------------------------------

_SCHOOL_TYPES: List[Tuple[str, re.Pattern]] = [
    ("vso", re.compile(r"\b(?:\(v\)so|vso|voortgezet speciaal onderwijs)\b", re.I)),
    ("sbo", re.compile(r"\b(?:sbo|s\.b\.o\.|speciaal basisonderwijs|speciale basisschool)\b", re.I)),
    ("so", re.compile(r"\b(?:het so|naar so|op so|so-school|speciaal onderwijs|speciale school|cluster [1234])\b", re.I)),
    ("mbo", re.compile(r"\b(?:mbo|roc|mbo-?\w+|entree-?opleiding|entreeopleiding|niveau [1-4]|bol|bbl)\b", re.I)),
    ("vo", re.compile(r"\b(?:middelbare(?: school)?|brugklas\w*|havo|vwo|vmbo|mavo|gymnasium|atheneum|lyceum|praktijkonderwijs|pro|voortgezet onderwijs|het vo|vo-school|(?:havo|vwo|vmbo|mavo)\s*\d)\b", re.I)),
    ("po", re.compile(r"\b(?:basisschool|basisonderwijs|bassischool|basischool|groep [1-8]|kleuter\w*|het po|primary school)\b", re.I)),
    ("kinderopvang", re.compile(r"\b(?:kinderopvang|kinderdagverblijf|kdv|crèche|creche|peuteropvang|peuterspeelzaal|gastouder|voorschool|dagopvang)\b", re.I)),
]


# Short answers to "Naar welke school gaat het kind?" that are too ambiguous inside a longer text.
_SHORT_SCHOOL_ANSWERS = {"po": "po", "bo": "po", "so": "so", "sbo": "sbo", "vo": "vo", "vso": "vso", "pro": "vo",
                         "primary school": "po", "primary": "po", "secondary school": "vo", "high school": "vo",
                         "secondary": "vo", "daycare": "kinderopvang", "speciaal": "so"}


def find_school_type(text: str, whole_message_is_answer: bool = False) -> Optional[Found]:
    best: Optional[Found] = None
    for school_type, pattern in _SCHOOL_TYPES:
        match = pattern.search(text)
        if match and (best is None or match.start() < best.start):
            best = Found("schooltype", school_type, match.start(), match.end(), match.group(0))
    if best is None and whole_message_is_answer:
        answer = re.sub(r"^(?:het|de|op het|op de|naar het|naar de|(?:she|he|it)'?s? (?:in|at)|in|at)\s+", "",
                        text.strip().lower().strip(" .!?"))
        if answer in _SHORT_SCHOOL_ANSWERS:
            best = Found("schooltype", _SHORT_SCHOOL_ANSWERS[answer], 0, len(text), text.strip())
    return best


# ---- persona -----------------------------------------------------------------------------

_STAFF_ROLE = (r"(?:ib'?er|intern begeleider|zorgco(?:[oö]rdinator)?|mentor|leerkracht|docent|smw'?er|slb'?er|teamleider|"
               r"jeugdarts|leerplichtambtenaar)")
_PERSONAS: List[Tuple[str, re.Pattern]] = [
    ("professional", re.compile(
        # a role opening the message ("zorgco vo in Ede: ...", "Mentor: ...", "ib'er hier")
        r"^\W*" + _STAFF_ROLE + r"\b(?:[ \w]{0,25})(?::|\bhier\b)|"
        r"\b(?:ik ben (?:de |een )?(?:ib'?er|intern begeleider|zorgco(?:[oö]rdinator)?|mentor|leerkracht|juf|meester|docent|"
        r"smw'?er|schoolmaatschappelijk werker|jeugdarts|leerplichtambtenaar|slb'?er|studieloopbaanbegeleider|coach)|"
        r"als (?:ib'?er|intern begeleider|zorgco[oö]rdinator|mentor|leerkracht|docent|smw'?er|slb'?er|professional)|"
        r"(?:een|mijn|onze) leerling|(?:een|mijn|onze) student(?:e)?\b|in (?:mijn|onze) klas|ib'?er hier|mdo|cvt|bij ons op school)", re.I)),
    ("jongere", re.compile(
        r"\b(?:ik ben (?:\d{2}|zestien|zeventien|achttien|negentien|twintig)|ik zit op (?:het )?mbo|mijn opleiding|mijn stage|mn stage|"
        r"mijn slb|ik (?:studeer|doe) |ik wil stoppen met (?:school|mijn opleiding)|ik woon (?:nog )?thuis|mn ouders|mijn ouders)", re.I)),
    ("ouder", re.compile(r"\b(?:mijn|onze|mn|m'n) (?:zoon|dochter|kind|kinderen|kleuter|puber|zoontje|dochtertje)\b", re.I)),
]


def find_persona(text: str) -> Optional[Found]:
    for persona, pattern in _PERSONAS:
        match = pattern.search(text)
        if match:
            return Found("persona", persona, match.start(), match.end(), match.group(0))
    return None


def find_facts(text: str, kb: Optional[KnowledgeBase]) -> List[Found]:
    """All facts in one message. The school gemeente is a second gemeente named after 'school in/op'."""
    found: List[Found] = []
    if kb is not None:
        gemeenten = gemeente_matcher(kb).find(text)
        for item in gemeenten:
            before = text[max(0, item.start - 40):item.start].lower()
            if re.search(r"school\w*\s+(?:staat\s+)?(?:in|op)\s*$|school\s+is\s+in\s*$|naar school in\s*$", before):
                found.append(Found("schoolgemeente", item.value, item.start, item.end, item.text))
            else:
                found.append(item)
    for finder in (find_age, find_school_type, find_persona):
        item = finder(text)
        if item:
            found.append(item)
    return found


def unique_values(found: Iterable[Found], entity: str) -> List[object]:
    values: List[object] = []
    for item in found:
        if item.entity == entity and item.value not in values:
            values.append(item.value)
    return values
