"""The validator on broken knowledge files: clear Dutch messages with file, line and field."""
import shutil
from pathlib import Path

import pytest

from knowledge.loader import DEFAULT_ROOT, InvalidKnowledge, load
from knowledge.validate import main as validate_cli


@pytest.fixture()
def kb_copy(tmp_path) -> Path:
    root = tmp_path / "kennisbank"
    shutil.copytree(DEFAULT_ROOT, root)
    return root


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: '{old}' not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def errors_of(root: Path):
    with pytest.raises(InvalidKnowledge) as caught:
        load(root)
    return [i for i in caught.value.issues if i.level == "fout"]


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_shipped_knowledge_base_is_valid():
    kb, warnings = load()
    assert len(kb.situations) >= 30
    assert len(kb.regions) >= 2
    assert not [w for w in warnings if "gecontroleerd" in w.message], "shipped facts are not stale"


def test_unknown_desk_in_a_route_step_names_file_line_and_field(kb_copy):
    path = kb_copy / "nationaal" / "situaties" / "school.yml"
    edit(path, "loket: swv_po", "loket: swv_poo")
    (error,) = [e for e in errors_of(kb_copy) if "swv_poo" in e.message]
    assert error.file == "nationaal/situaties/school.yml"
    assert error.line == line_of(path, "loket: swv_poo")
    assert error.field.endswith(".loket")
    assert "bestaat niet" in error.message


def test_malformed_yaml_is_rejected_with_its_line(kb_copy):
    path = kb_copy / "nationaal" / "rollen.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - id: [kapot\n", encoding="utf-8")
    (error,) = errors_of(kb_copy)
    assert error.file == "nationaal/rollen.yml" and error.line > 0
    assert "geen geldige YAML" in error.message


def test_gemeente_in_two_regions_is_an_error(kb_copy):
    path = kb_copy / "regios" / "rijk_van_nijmegen.yml"
    edit(path, "- id: wijchen", "- id: ede")
    assert any("gemeente 'ede' staat ook in" in e.message for e in errors_of(kb_copy))


def test_duplicate_id(kb_copy):
    edit(kb_copy / "nationaal" / "wetten.yml", "id: leerplichtwet", "id: jeugdwet")
    assert any("de id 'jeugdwet' bestaat al" in e.message for e in errors_of(kb_copy))


def test_missing_required_field_and_unknown_field(kb_copy):
    edit(kb_copy / "nationaal" / "rollen.yml", "    bereiken:", "    bereik:")
    messages = [e.message for e in errors_of(kb_copy)]
    assert any("het verplichte veld 'bereiken' ontbreekt" in m for m in messages)
    assert any("onbekend veld 'bereik'" in m for m in messages)


@pytest.mark.parametrize("old,bad,expected", [
    ("      telefoon: 0800-2000", "      telefoon: 06-12", "geen geldig telefoonnummer"),
    ("      telefoon: 0800-2000", "      email: info-at-school", "geen geldig e-mailadres"),
    ("      website: https://www.veiligthuis.nl", "      website: www zonder punt", "geen geldig webadres"),
])
def test_malformed_contact_details(kb_copy, old, bad, expected):
    path = kb_copy / "nationaal" / "loketten.yml"
    edit(path, old, bad)
    assert any(expected in e.message for e in errors_of(kb_copy))


def test_override_of_a_step_that_does_not_exist(kb_copy):
    path = kb_copy / "regios" / "foodvalley.yml"
    edit(path, "stap: lokaal_team_erbij", "stap: bestaat_niet")
    assert any("heeft geen stap 'bestaat_niet'" in e.message for e in errors_of(kb_copy))


def test_stale_date_is_a_warning_not_an_error(kb_copy):
    path = kb_copy / "nationaal" / "wetten.yml"
    edit(path, "gecontroleerd: 2026-11-23", "gecontroleerd: 2020-01-01")
    kb, warnings = load(kb_copy)
    assert kb.laws
    assert any("meer dan een jaar geleden" in w.message and w.file == "nationaal/wetten.yml" for w in warnings)


def test_cli_exits_non_zero_and_prints_dutch_errors(kb_copy, capsys):
    edit(kb_copy / "nationaal" / "situaties" / "school.yml", "wet: passend_onderwijs", "wet: passsend")
    assert validate_cli([str(kb_copy)]) == 1
    out = capsys.readouterr().out
    assert "FOUT nationaal/situaties/school.yml:" in out and "wet 'passsend' bestaat niet" in out
    assert "de assistent blijft de vorige versie gebruiken" in out


def test_cli_accepts_the_shipped_knowledge(capsys):
    assert validate_cli([str(DEFAULT_ROOT)]) == 0
    assert "in orde" in capsys.readouterr().out
