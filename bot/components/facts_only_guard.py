"""Rasa NLU component: a message that only states facts ("Ede", "havo 3", "nee, ze is 12") is `inform`.

Answers to the bot's questions carry the same words as the situations ("groep 8" is also the core of
the po -> vo transition), so the classifier often reads a bare answer as a new question. When the
FactExtractor found a fact and nothing but framing words is left once the facts are taken out, the
message answers or corrects; it asks nothing new. Questions are never facts-only.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List

from spacy.lang.nl.stop_words import STOP_WORDS

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.intent_override import override_intent

INFORM = "inform"
FACTS = {"gemeente", "schoolgemeente", "leeftijd", "schooltype", "persona"}
# Words that only frame a fact: who it is about, living/going to school, correcting oneself.
FRAMING = set("""
zoon zoontje dochter dochtertje kind kindje kinderen jongen meisje leerling leerlingen
moeder vader mama papa ouder ouders pleegouder pleegouders oma opa tante oom kleinzoon kleindochter
vriend vriendin broer broertje zus zusje stiefvader stiefmoeder zelf
zit zitten zat woon wonen woont kom komen komt uit staat valt onder verhuisd sinds kort werk werkt als
gemeente school klas groep niveau jaar jaartje oud
nee ja jawel sorry correctie bedoel bedoelde bedoelt typfout vergiste vergis klopt trouwens
hoor hè he eigenlijk net pas bijna inmiddels nu nog wel
""".split())
QUESTION_WORDS = {"moet", "moeten", "kan", "kun", "kunnen", "mag", "hoe", "wat", "waar", "wie", "wanneer",
                  "welke", "waarom", "help", "hulp"}
WORD = re.compile(r"[^\W\d_]+")


def states_only_facts(text: str, entities: List[Dict[str, Any]]) -> bool:
    facts = [e for e in entities if e.get("entity") in FACTS and e.get("end", 0) > e.get("start", 0)]
    if not facts or "?" in text or QUESTION_WORDS & set(WORD.findall(text.lower())):
        return False
    rest = list(text)
    for fact in facts:
        rest[fact["start"]:fact["end"]] = " " * (fact["end"] - fact["start"])
    return all(word in STOP_WORDS or word in FRAMING for word in WORD.findall("".join(rest).lower()))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class FactsOnlyGuard(GraphComponent):
    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "FactsOnlyGuard":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.startswith("/") and states_only_facts(text, message.get(ENTITIES, [])):
                override_intent(message, INFORM)
        return messages
