"""The examples in the admin guide (knowledge/README.md) pass validation and do what it says."""
import re
import shutil

from knowledge.loader import DEFAULT_ROOT, load
from knowledge.router import Facts, route

GUIDE = DEFAULT_ROOT.parent / "README.md"


def test_region_example_in_the_guide_is_valid_and_its_override_applies(tmp_path):
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    region = next(b for b in blocks if b.lstrip().startswith("# yaml-language-server") and "regio:" in b)
    root = tmp_path / "kennisbank"
    shutil.copytree(DEFAULT_ROOT, root)
    (root / "regios" / "voorbeeldregio.yml").write_text(region, encoding="utf-8")
    kb, _ = load(root)
    assert "voorbeeldstad" in kb.gemeenten
    answer = route(kb, Facts("vastlopen_po", gemeente="voorbeeldstad", age=8, school_type="po"))
    step = {s.id: s for s in answer.steps}["lokaal_team_erbij"]
    assert step.regional and "sociaal team" in step.action
    assert step.desk.name == "Sociaal Team Voorbeeldstad"
