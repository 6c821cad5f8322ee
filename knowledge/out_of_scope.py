"""Common questions outside the wegwijzer's field, and where people can go with them instead.

Used by the NLU (a clear out-of-scope topic overrides a doubtful intent guess) and by the answer
(name the right place instead of a generic "ask your gemeente"). Only places anyone can verify:
the gemeente's own website or its general number (14 + netnummer), the Belastingdienst, the SVB.
Sources (checked 2026-11-23): BelastingTelefoon 0800-0543, free, for taxes and toeslagen: Belastingdienst
spokesperson in https://www.telegraaf.nl/financieel/337534652/fiscus-waarschuwt-betaal-niet-voor-de-belastingtelefoon
and https://fundamentvoor.nl/onderneming-fiscus/contact-belastingdienst/communiceren-belastingdienst/31-belastingtelefoon
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

GEMEENTE = ("Daarvoor kun je het beste naar de website van je gemeente gaan, of de gemeente bellen: "
            "14 + het netnummer van je gemeente.")

TOPICS: List[Tuple[str, re.Pattern, str]] = [
    ("toeslagen", re.compile(r"\b(?:zorg|huur|kinderopvang|kindgebonden ?)(?:-| )?toeslag\w*|\btoeslagen\b", re.I),
     "Toeslagen (zorgtoeslag, huurtoeslag, kinderopvangtoeslag) regelt Dienst Toeslagen van de Belastingdienst. "
     "Kijk op belastingdienst.nl of bel de BelastingTelefoon: 0800-0543."),
    ("belasting", re.compile(r"\b(?:belastingaangifte|aangifte inkomstenbelasting|aftrekpost\w*|loonbelasting|btw|"
                             r"hondenbelasting|gemeentelijke belasting\w*|ozb|waterschapsbelasting)\b", re.I),
     "Met belastingvragen kan ik je niet helpen. Voor rijksbelastingen kun je terecht bij de Belastingdienst "
     "(belastingdienst.nl, BelastingTelefoon 0800-0543); voor gemeentelijke belastingen bij je gemeente."),
    ("kinderbijslag", re.compile(r"\bkinderbijslag\b", re.I),
     "Kinderbijslag regelt de Sociale Verzekeringsbank (SVB). Kijk op svb.nl."),
    ("documenten", re.compile(r"\b(?:paspoort\w*|id[- ]?kaart\w*|identiteitskaart\w*|rijbewijs\w*|uittreksel\w*|"
                              r"verhuizing doorgeven|adreswijziging|passport|id card)\b", re.I), GEMEENTE),
    ("leefomgeving", re.compile(r"\b(?:afval\w*|grofvuil|container|oud papier|vuilnis\w*|lantaarnpa\w*|"
                                r"parkeer\w*|parking|bouwvergunning|kapvergunning|omgevingsvergunning|boom\b.{0,25}\bkappen|"
                                r"trouwen|huwelijk|trouwambtenaar|zwembad|hondenpoep)\b", re.I), GEMEENTE),
    ("weer", re.compile(r"\b(?:wat voor weer|weerbericht|weersverwachting)\b", re.I),
     "Kijk daarvoor op een weersite of in een weer-app."),
]


def out_of_scope_topic(text: Optional[str]) -> Optional[Tuple[str, str]]:
    """(topic, where to go instead) when the message is clearly about something outside our field."""
    for topic, pattern, where in TOPICS:
        if text and pattern.search(text):
            return topic, where
    return None
