"""Reading facts from free text: gemeente names (typos included) without mistaking ordinary words."""
import pytest

from knowledge.extract import gemeente_matcher


@pytest.mark.parametrize("text, gemeente", [
    ("nijmegn", "nijmegen"),
    ("wij wonen in wageninge en onze zoon is 9", "wageningen"),
    ("wijchem", "wijchen"),
    ("Rheenen", "rhenen"),
    ("Wij wonen in Groesbeek.", "berg_en_dal"),
    ("gemeente barneveldt", "barneveld"),
    ("Mook", "mook_en_middelaar"),
])
def test_gemeente_with_typos_and_villages(kb, text, gemeente):
    assert [f.value for f in gemeente_matcher(kb).find(text)] == [gemeente]


@pytest.mark.parametrize("text", [
    "ik krijg paniekaanvallen in de klas en moet dan weg rennen, kan ik ergens hulp krijgen",
    "al dat heen en weer tussen school en dagbehandeling is heel onrustig voor hem",
    "hij wil niet meer naar school en ligt de hele dag op bed",
])
def test_ordinary_words_are_not_read_as_a_gemeente(kb, text):
    assert gemeente_matcher(kb).find(text) == []


@pytest.mark.parametrize("text,persona", [
    ("zorgco vo in Ede: leerling klas 2 zit al 6 weken thuis", "professional"),
    ("Mentor: een leerling heeft blauwe plekken", "professional"),
    ("zorgcoördinator hier, vraag over een TLV", "professional"),
    ("ik ben zorgco op een vo-school", "professional"),
    ("mijn mentor zegt dat ik moet stoppen", None),  # a student about their mentor
])
def test_staff_jargon_at_the_start_marks_a_professional(text, persona):
    from knowledge.extract import find_persona

    found = find_persona(text)
    assert (found.value if found else None) == persona
