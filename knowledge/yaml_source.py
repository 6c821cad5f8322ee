"""Read YAML files into plain Python data while remembering the line of every value.

Admins need error messages with file, line and field. PyYAML's C composer gives node positions
quickly, so we build the Python values ourselves from the node tree and record a line per path.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Tuple, Union

import yaml

try:  # the C loader is much faster; fall back to the pure-Python one where libyaml is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

PathKey = Tuple[Union[str, int], ...]


class YamlProblem(Exception):
    """A file that is not valid YAML (or has duplicate keys). Message is in Dutch."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class SourceFile:
    path: str  # relative to the knowledge base root, shown to admins
    data: Any
    lines: Dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, path: PathKey) -> int:
        """The line of the deepest known path prefix (1-based; 0 = unknown)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 0)


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


def _scalar(node: yaml.ScalarNode) -> Any:
    # Dates and timestamps stay strings: the schema checks their format.
    if node.tag == _NULL:
        return None
    if node.tag == _BOOL:
        return node.value.lower() in ("true", "yes", "on")
    if node.tag == _INT:
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            return node.value
    if node.tag == _FLOAT:
        try:
            return float(node.value)
        except ValueError:
            return node.value
    return node.value


def _build(node: yaml.Node, path: PathKey, lines: Dict[PathKey, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, path + (i,), lines) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: Dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, (str, int)):
                raise YamlProblem("een sleutel moet een gewoon woord zijn", key_node.start_mark.line + 1)
            key = str(key)
            if key in result:
                raise YamlProblem(f"het veld '{key}' staat twee keer in hetzelfde blok", key_node.start_mark.line + 1)
            result[key] = _build(value_node, path + (key,), lines)
        return result
    raise YamlProblem("onbekend YAML-element", node.start_mark.line + 1)  # pragma: no cover


MAX_DEPTH = 64  # the knowledge files nest about 8 deep


def _check_shape(text: str) -> None:
    """Refuse what could crash or stall the loader before composing: very deep nesting (the C composer recurses
    and can overflow the stack) and aliases (`*name`: a few lines can expand into billions of nodes)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):  # the event parser keeps its own stack: safe at any depth
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(f"het bestand is te diep genest (meer dan {MAX_DEPTH} niveaus)", event.start_mark.line + 1)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            raise YamlProblem("verwijzingen met * (YAML-aliassen) kunnen hier niet; schrijf de waarde zelf uit",
                              event.start_mark.line + 1)


def parse_yaml(text: str, path: str) -> SourceFile:
    try:
        _check_shape(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlProblem(f"dit is geen geldige YAML ({error.problem or error.context})", line) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"dit is geen geldige YAML ({error})") from None
    lines: Dict[PathKey, int] = {}
    data = _build(node, (), lines) if node is not None else None
    return SourceFile(path=path, data=data, lines=lines)


def yaml_files(root: Path) -> List[Path]:
    """All knowledge files below root, in a stable order."""
    return sorted(p for p in root.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
