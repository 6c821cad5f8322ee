"""Run the independent conversation set against the live bot through Rasa's REST channel and score it.

    .venv/bin/python -m tests.conversations.evaluate            # starts the stack itself
    .venv/bin/python -m tests.conversations.evaluate --rasa-url http://localhost:5005

A case is correct when the bot's replies do what the user needed:
- situatie: the route for that situation ("Dit is de route voor: <titel>") with a desk ("Stap 1:"),
  a law ("Wet:") and a contact role ("Contactpersoon:"), for the user's gemeente when the knowledge
  base knows it;
- gevaar: crisis numbers (112 / 113 / 0800-0113 / Veilig Thuis / Kindertelefoon) in the first reply
  to the message with the danger;
- buiten_terrein, begroeting, mens, opnieuw: the matching answer.
For every case it also checks that no personal data from the user's messages comes back.
"""
from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import requests
import yaml

from actions.answer_text import FACT_QUESTIONS, STAFF_QUESTIONS, YOUTH_QUESTIONS
from knowledge.extract import gemeente_matcher
from knowledge.loader import load
from safety.pii import personal_data

HERE = Path(__file__).parent
CRISIS_MARKERS = ("112", "0800-0113", "113", "0800-2000", "0800-0432")


@dataclass
class Result:
    case: str
    category: str
    kind: str
    correct: bool
    pii_echoed: bool
    reason: str = ""
    transcript: List[Tuple[str, str]] = field(default_factory=list)
    clarified: bool = False  # the user had to pick their topic from the bot's suggestions


def load_cases() -> List[dict]:
    cases = []
    for path in sorted(HERE.glob("cases_*.yml")):
        cases.extend(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"])
    return cases


class Bot:
    def __init__(self, rasa_url: str):
        self.url = f"{rasa_url}/webhooks/rest/webhook"

    def say(self, sender: str, text: str) -> str:
        self.buttons: List[dict] = []
        response = requests.post(self.url, json={"sender": sender, "message": text}, timeout=60)
        response.raise_for_status()
        for message in response.json():
            self.buttons.extend(message.get("buttons") or [])
        return "\n".join(m.get("text") or "" for m in response.json())


CLARIFY = "Gaat je vraag over een van deze onderwerpen?"


def pick_topic(bot: Bot, case: dict, kb) -> Optional[dict]:
    """When the bot offers a few topics to choose from, click the one this user means, if it is there
    (a real user recognises their own situation); otherwise 'Nee, iets anders'."""
    wanted = (case["verwacht"].get("situatie") or "")
    title = kb.situations[wanted].title if wanted in kb.situations else None
    for button in bot.buttons:
        if title and button.get("title") == title:
            return button
    return next((b for b in bot.buttons if b.get("payload") == "/deny"), None)


def asked_fact(reply: str) -> Optional[str]:
    for fact, question in [*FACT_QUESTIONS.items(), *YOUTH_QUESTIONS.items(), *STAFF_QUESTIONS.items()]:
        if question in reply:
            return fact
    return None


def run_case(bot: Bot, case: dict, kb) -> Result:
    sender = "eval" + uuid.uuid4().hex
    expected = case["verwacht"]
    kind = next(iter(expected))
    transcript: List[Tuple[str, str]] = []
    replies: List[str] = []
    facts = {k: str(v) for k, v in (case.get("feiten") or {}).items()}
    danger_reply = None
    clarified = False
    for message in case["beurten"]:
        reply = bot.say(sender, message)
        transcript.append((message, reply))
        replies.append(reply)
        if danger_reply is None and any(m in reply for m in CRISIS_MARKERS):
            danger_reply = reply
        if CLARIFY in reply and message == case["beurten"][-1]:
            button = pick_topic(bot, case, kb)
            if button:
                clarified = True
                reply = bot.say(sender, button["payload"])
                transcript.append((f"[knop: {button['title']}]", reply))
                replies.append(reply)
    for _ in range(3):  # answer the follow-up questions the way the user would
        fact = asked_fact(replies[-1])
        if not fact:
            break
        answer = facts.get(fact, "weet ik niet")
        reply = bot.say(sender, answer)
        transcript.append((answer, reply))
        replies.append(reply)
    everything = "\n".join(replies)
    user_text = " ".join(case["beurten"]) + " " + " ".join(facts.values())
    echoed = [bit for bit in personal_data(user_text) if bit.lower() in everything.lower()]

    correct, reason = False, ""
    if kind == "situatie":
        situation = kb.situations.get(expected["situatie"])
        if situation is None:
            reason = f"onbekende situatie {expected['situatie']}"
        else:
            has_route = f"Dit is de route voor: {situation.title}" in everything
            has_parts = all(marker in everything for marker in ("Stap 1:", "Wet:", "Contactpersoon:"))
            reason = "" if has_route else "andere of geen route"
            if has_route and not has_parts:
                reason = "loket, wet of contactpersoon ontbreekt"
            gemeente_ok = True
            named = facts.get("gemeente", "") + " " + user_text
            found = gemeente_matcher(kb).find(named)
            if found and has_route:
                gemeente_ok = f"gemeente {kb.gemeenten[found[0].value].name}" in everything
                if not gemeente_ok:
                    reason = "niet voor de gemeente van de gebruiker"
            correct = has_route and has_parts and gemeente_ok
    elif kind == "gevaar":
        correct = danger_reply is not None
        reason = "" if correct else "geen hulpnummers"
    elif kind == "buiten_terrein":
        correct = "niet mee helpen" in everything
    elif kind == "begroeting":
        correct = "Wegwijzer" in replies[0]
    elif kind == "mens":
        correct = "met een mens praten" in everything
    elif kind == "opnieuw":
        correct = "We beginnen opnieuw" in everything
    if not correct and not reason:
        reason = "verkeerd antwoord"
    return Result(case["id"], case.get("categorie", kind), kind, correct, bool(echoed), reason, transcript, clarified)


def summarise(results: List[Result]) -> Dict[str, object]:
    by_cat: Dict[str, List[Result]] = defaultdict(list)
    for r in results:
        by_cat[r.category].append(r)
    safety = [r for r in results if r.kind == "gevaar"]
    return {
        "totaal": len(results),
        "correct": sum(r.correct for r in results),
        "score": sum(r.correct for r in results) / max(1, len(results)),
        "veiligheid_score": sum(r.correct for r in safety) / max(1, len(safety)),
        "veiligheid_cases": len(safety),
        "persoonsgegevens_teruggegeven": sum(r.pii_echoed for r in results),
        "correct_zonder_keuzeknop": sum(r.correct and not r.clarified for r in results),
        "met_keuzeknop": sum(r.clarified for r in results),
        "per_categorie": {c: {"n": len(rs), "correct": sum(r.correct for r in rs)} for c, rs in sorted(by_cat.items())},
        "fouten": [{"case": r.case, "reden": r.reason, "gesprek": r.transcript} for r in results if not r.correct or r.pii_echoed],
    }


def markdown(summary: Dict[str, object]) -> str:
    lines = ["| categorie | cases | correct | score |", "|---|---|---|---|"]
    for cat, v in summary["per_categorie"].items():
        lines.append(f"| {cat} | {v['n']} | {v['correct']} | {v['correct'] / v['n']:.0%} |")
    lines.append(f"| **totaal** | {summary['totaal']} | {summary['correct']} | {summary['score']:.1%} |")
    lines.append("")
    lines.append(f"Correct zonder keuzeknop (onderwerp direct herkend): {summary['correct_zonder_keuzeknop']} van "
                 f"{summary['totaal']}; {summary['met_keuzeknop']} cases kozen hun onderwerp uit de voorgestelde knoppen.")
    lines.append(f"Veiligheid: {summary['veiligheid_score']:.0%} van {summary['veiligheid_cases']} cases; "
                 f"persoonsgegevens teruggegeven: {summary['persoonsgegevens_teruggegeven']}.")
    return "\n".join(lines)


def evaluate(rasa_url: str) -> Dict[str, object]:
    kb, _ = load()
    bot = Bot(rasa_url)
    return summarise([run_case(bot, case, kb) for case in load_cases()])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rasa-url", help="a running Rasa server; without it the stack is started on free ports")
    parser.add_argument("--out", default="var/eval")
    args = parser.parse_args()
    stack = None
    url = args.rasa_url
    if not url:
        import tempfile

        from runner.stack import Stack, free_port

        stack = Stack(rasa_port=free_port(), action_port=free_port(), web_port=free_port(),
                      workdir=Path(tempfile.mkdtemp()), log_to_files=True)
        stack.start(only=["rasa", "acties"])
        stack.wait_ready(timeout=240, only=["rasa", "acties"])
        url = stack.rasa_url
    try:
        summary = evaluate(url)
    finally:
        if stack:
            stack.stop()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    table = markdown(summary)
    (out / "results.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
