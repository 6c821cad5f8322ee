"""Consistency between the knowledge base, the domain, the rules and the training data, and no
leakage of evaluation sentences into the training data."""
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def nlu_examples():
    examples = {}
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if "intent" in block:
                lines = [l[2:].strip() for l in block["examples"].splitlines() if l.strip().startswith("- ")]
                examples.setdefault(block["intent"], []).extend(lines)
    return examples


def test_every_situation_has_an_intent_rules_and_enough_examples(kb, domain):
    examples = nlu_examples()
    rules = (ROOT / "data" / "rules.yml").read_text(encoding="utf-8")
    for situation in kb.situations:
        intent = f"sit_{situation}"
        assert intent in domain["intents"], intent
        assert len(examples.get(intent, [])) >= 20, intent
        assert rules.count(f"intent: {intent}\n") == 2, f"{intent} must be in both situation rules"


def test_every_conversation_intent_has_at_least_20_examples():
    for intent, lines in nlu_examples().items():
        assert len(lines) >= 20, intent


def test_no_evaluation_sentence_is_in_the_training_data():
    training = {e.lower() for lines in nlu_examples().values() for e in lines}
    leaked = []
    for path in (ROOT / "tests" / "conversations").glob("cases_*.yml"):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            leaked += [m for m in case["beurten"] if len(m) > 25 and m.lower() in training]
    stories = (ROOT / "tests" / "stories" / "test_stories.yml").read_text(encoding="utf-8").lower()
    leaked += [e for e in training if len(e) > 25 and e in stories]
    assert not leaked, leaked[:5]
