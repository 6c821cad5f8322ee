"""Redaction of personal data before anything is stored or logged.

Children's data: BSN (checked with the 11-proef), phone numbers, e-mail addresses, IBANs,
postcodes and street addresses, dates (of birth) and names where a cue makes them detectable
("mijn zoon Daan", "ik heet ...", "groetjes, Marieke"). National service numbers (112, 113,
0800-..., 0900-..., 14 0xx) are not personal and stay.
"""
from __future__ import annotations

import re
from typing import List, Tuple

PLACEHOLDERS = {"bsn": "[BSN]", "email": "[E-MAIL]", "iban": "[IBAN]", "telefoon": "[TELEFOON]", "postcode": "[POSTCODE]",
                "adres": "[ADRES]", "datum": "[DATUM]", "naam": "[NAAM]"}

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d{4}){2}\s?\d{2}\b", re.I)
_PHONE = re.compile(r"(?<![\w+])(?:\+31|0031|0)\s?(?:\(0\)\s?)?[1-9](?:[\s\-.]?\d){8}(?!\d)")
_SERVICE = re.compile(r"^(?:0800|0900|0906|0909)")
_NINE_DIGITS = re.compile(r"(?<![\d.\-])\d(?:[\s.\-]?\d){8}(?![\d])")
_POSTCODE = re.compile(r"(?<![\d\-])\b[1-9]\d{3}\s?(?!(?:SA|SD|SS|of|en|in|op|is|al|na|om|te|ze|je|we|de|ik|uw|er|ja|nu|zo|ga|be)\b)[A-Z]{2}\b(?:\s*,?\s*\d{1,5}\s?[a-zA-Z]?\b)?", re.I)
_STREET = re.compile(r"\b[A-Z]?[a-zà-ÿ'-]+(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|park|markt|erf|veld|baan|plantsoen|wal)\s+\d{1,5}\s?[a-zA-Z]?\b", re.I)
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
_DATE = re.compile(r"\b(?:[0-3]?\d[-/.][01]?\d[-/.](?:19|20)?\d{2}|[0-3]?\d\s+(?:" + _MONTHS + r")\.?\s+(?:19|20)\d{2})\b", re.I)
_NAME = r"[A-Z][a-zà-ÿ'-]+(?:(?:\s+(?:van|de|der|den|el|al|ter|ten|op|het|te))*\s+[A-Z][a-zà-ÿ'-]+)?"
_NAME_CUE = re.compile(
    r"\b(?P<cue>(?i:(?:mijn|onze|m'?n|mn)\s+(?:zoon(?:tje)?|dochter(?:tje)?|kind|broer(?:tje)?|zus(?:je)?|leerling|student)|"
    r"ik\s+heet|mijn\s+naam\s+is|hij\s+heet|zij\s+heet|ze\s+heet|genaamd|groetjes|groet|met\s+vriendelijke\s+groet|mvg|gr))"
    r"\s*,?\s+(?P<name>" + _NAME + ")")
_NAME_CUE_LOWER = re.compile(r"\b(?P<cue>ik heet|mijn naam is|hij heet|zij heet|ze heet)\s+(?P<name>[a-zà-ÿ'-]{2,})", re.I)
_NOT_NAMES = {"ik", "hij", "zij", "ze", "het", "is", "zit", "heeft", "gaat", "van", "en", "niet", "nog", "al", "op", "in", "wil", "kan", "loopt", "was", "word", "wordt", "met", "die", "dat", "ook"}


def elfproef(digits: str) -> bool:
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0 and int(digits) != 0


def redact(text: str) -> Tuple[str, List[str]]:
    """The text with personal data replaced by placeholders, and the kinds that were found."""
    safe, kinds, _found = _redact(text)
    return safe, kinds


def personal_data(text: str) -> List[str]:
    """The literal pieces of personal data in a text (for checking that none is echoed back)."""
    return _redact(text)[2]


def _redact(text: str) -> Tuple[str, List[str], List[str]]:
    if not text:
        return text, [], []
    kinds: List[str] = []
    found: List[str] = []

    def sub(pattern: re.Pattern, kind: str, value: str, keep=lambda m: False) -> str:
        def replace(match: re.Match) -> str:
            if keep(match):
                return match.group(0)
            kinds.append(kind)
            found.append(match.group(0))
            return PLACEHOLDERS[kind]
        return pattern.sub(replace, value)

    text = sub(_EMAIL, "email", text)
    text = sub(_IBAN, "iban", text)
    text = sub(_NINE_DIGITS, "bsn", text, keep=lambda m: not elfproef(re.sub(r"\D", "", m.group(0))))
    text = sub(_PHONE, "telefoon", text, keep=lambda m: bool(_SERVICE.match(re.sub(r"\D", "", m.group(0)))))
    text = sub(_DATE, "datum", text)
    text = sub(_STREET, "adres", text)
    text = sub(_POSTCODE, "postcode", text)

    def name_replace(match: re.Match) -> str:
        name = match.group("name")
        if name.split()[0].lower() in _NOT_NAMES:
            return match.group(0)
        kinds.append("naam")
        found.append(name)
        return match.group(0).replace(name, PLACEHOLDERS["naam"])

    text = _NAME_CUE.sub(name_replace, text)
    text = _NAME_CUE_LOWER.sub(name_replace, text)
    return text, kinds, found


def contains_personal_data(text: str) -> bool:
    return bool(redact(text)[1])
