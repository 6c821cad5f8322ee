"""Publishing one knowledge file from the admin page: check, preview, write atomically, audit, roll back.

A candidate is the live folder with one file's text replaced; it is validated as a whole with the same
loader and validator as `make kb-check`. Only a valid candidate is written: to a temporary file in the
same folder, then os.replace, so the hot-reloading store (knowledge/store.py) never sees half a file.
The text of the file just before the write is stored as a version first (records/audit.py).
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
import tempfile
import threading
from contextlib import suppress
from pathlib import Path
from typing import Any, Dict, List, Optional

from knowledge import changes
from knowledge.loader import DEFAULT_ROOT, InvalidKnowledge, load
from knowledge.model import KnowledgeBase
from knowledge.validate import ERROR, Issue
from knowledge.yaml_source import yaml_files
from records import audit
from records.db import database

logger = logging.getLogger(__name__)

MAX_BYTES = 1_000_000  # a knowledge file is ~30 kB; 1 MB leaves room and refuses the wrong file
NAME_RE = re.compile(r"^[a-z0-9_]+(?:/[a-z0-9_]+)*\.yml$")
NEW_FILE_FOLDERS = ("regios", "nationaal/situaties")  # where an admin may add a file
_write_lock = threading.Lock()


class Refused(Exception):
    """Nothing was published. `kind`: bestand, te_groot, ongeldig, conflict, niets, versie."""

    def __init__(self, kind: str, message: str, issues: Optional[List[Issue]] = None):
        super().__init__(message)
        self.kind, self.message, self.issues = kind, message, issues or []


def knowledge_root() -> Path:
    return Path(os.environ.get("WEGWIJZER_KENNISBANK", DEFAULT_ROOT))


def resolve(root: Path, rel: str) -> Path:
    """The path of a knowledge file the admin may change: an existing .yml file in the folder, or a new one
    in regios/ or nationaal/situaties/. Anything else (other names, '..', links out of the folder) is refused."""
    refused = Refused("bestand", f"'{rel}' is geen kennisbestand dat je hier kunt beheren. Kies een bestand uit de "
                                 "lijst, of maak een nieuw bestand in regios/ of nationaal/situaties/ met een naam van "
                                 "kleine letters, cijfers en _, die eindigt op .yml.")
    if not isinstance(rel, str) or len(rel) > 200 or not NAME_RE.match(rel):
        raise refused
    base = root.resolve()
    path = (base / rel).resolve()
    if base not in path.parents:
        raise refused
    if path.exists():
        if not path.is_file() or path.suffix != ".yml":
            raise refused
        return path
    if path.parent.relative_to(base).as_posix() not in NEW_FILE_FOLDERS or not path.parent.is_dir():
        raise refused
    return path


def list_files(root: Path) -> List[Dict[str, Any]]:
    out = []
    for path in yaml_files(root):
        rel = path.relative_to(root).as_posix()
        if NAME_RE.match(rel):
            stat = path.stat()
            out.append({"bestand": rel, "grootte": stat.st_size,
                        "gewijzigd": dt.datetime.fromtimestamp(stat.st_mtime).astimezone().isoformat(timespec="seconds")})
    return out


def read_live(root: Path, rel: str) -> str:
    path = resolve(root, rel)
    return path.read_text(encoding="utf-8") if path.exists() else ""


def decode(data: bytes, rel: str) -> str:
    """Uploaded bytes as text; a file that is not UTF-8 is refused with the reason."""
    if len(data) > MAX_BYTES:
        raise too_large(len(data))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused("ongeldig", "Het bestand is geen UTF-8-tekst. Sla het op als 'UTF-8' in je editor en probeer het opnieuw.",
                      [Issue(ERROR, rel, 0, "", "het bestand is geen UTF-8-tekst")]) from None


def too_large(size: Optional[int] = None) -> Refused:
    got = f" Dit is {size / 1_000_000:.1f} MB." if size else ""
    return Refused("te_groot", f"Het bestand is te groot: een kennisbestand mag hoogstens {MAX_BYTES // 1_000_000} MB zijn."
                               f"{got} Heb je het goede bestand gekozen? Er is niets gepubliceerd.")


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise too_large(len(text.encode("utf-8")))
    return text if text.endswith("\n") or not text else text + "\n"


def _live_kb(root: Path) -> Optional[KnowledgeBase]:
    try:
        return load(root)[0]
    except InvalidKnowledge:
        return None


def check(root: Path, rel: str, text: str) -> Dict[str, Any]:
    """Validate the whole knowledge base with this text for `rel` and describe what changes for users.
    Raises Refused('ongeldig') with every error (file, line, field) when the candidate is not valid."""
    resolve(root, rel)
    text = normalise(text)
    live = read_live(root, rel)
    try:
        kb, warnings = load(root, texts={rel: text})
    except InvalidKnowledge as invalid:
        errors = [i for i in invalid.issues if i.level == ERROR]
        raise Refused("ongeldig", f"De kennisbank is niet goedgekeurd: {len(errors)} fout(en). Er is niets gepubliceerd; "
                                  "de assistent blijft de huidige versie gebruiken.", invalid.issues) from None
    result = changes.compare(_live_kb(root), kb)
    result.update(bestand=rel, basis=audit.sha(live), kandidaat=audit.sha(text), kennisbank_versie=kb.version,
                  waarschuwingen=[i for i in warnings if i.level != ERROR], diff=changes.text_diff(live, text, rel),
                  ongewijzigd=text == live)
    return result


def publish(root: Path, rel: str, text: str, basis: str, wie: str, actie: str = "publiceren",
            bron_versie: Optional[int] = None) -> Dict[str, Any]:
    """Check again, then write. `basis` is the sha256 of the live file the admin previewed against:
    if someone else published in between, nothing is written."""
    text = normalise(text)
    with _write_lock:
        path = resolve(root, rel)
        live = read_live(root, rel)
        if audit.sha(live) != basis:
            raise Refused("conflict", "Iemand anders heeft dit bestand intussen veranderd. Er is niets gepubliceerd. "
                                      "Open het bestand opnieuw en breng je wijziging opnieuw aan.")
        if text == live:
            raise Refused("niets", "Dit is precies de versie die al in gebruik is. Er is niets gepubliceerd.")
        result = check(root, rel, text)
        summary = changes.summary_line(result)
        if bron_versie is not None:
            summary = f"terug naar versie {bron_versie}: {summary}"
        db = database()
        try:
            if path.exists():
                audit.save_version(db, rel, live, "", "stand vóór publicatie")
            write_atomic(path, text)
            version_id = audit.save_version(db, rel, text, wie, actie)
            audit.log(db, wie, actie, rel, summary, version_id, result["kennisbank_versie"])
        finally:
            db.close()
    logger.info("%s: %s door %s (versie %s)", rel, actie, wie, version_id)
    result.update(versie_id=version_id, samenvatting=summary, basis=audit.sha(text))
    return result


def write_atomic(path: Path, text: str) -> None:
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")  # .tmp: never loaded
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def stored_version(versie_id: int) -> Dict[str, Any]:
    db = database()
    try:
        row = audit.version(db, versie_id)
    finally:
        db.close()
    if row is None:
        raise Refused("versie", f"Versie {versie_id} bestaat niet. Kies een versie uit de lijst.")
    return row


def check_rollback(root: Path, versie_id: int) -> Dict[str, Any]:
    row = stored_version(versie_id)
    return check(root, row["bestand"], row["inhoud"])


def rollback(root: Path, versie_id: int, basis: str, wie: str) -> Dict[str, Any]:
    """Put an earlier version back: validated like any other change, stored and audited as 'terugzetten'."""
    row = stored_version(versie_id)
    return publish(root, row["bestand"], row["inhoud"], basis, wie, actie="terugzetten", bron_versie=versie_id)


def history(root: Path, rel: str) -> List[Dict[str, Any]]:
    live_sha = audit.sha(read_live(root, rel))
    db = database()
    try:
        rows = audit.versions(db, rel)
    finally:
        db.close()
    marked = False
    for row in rows:  # newest first: only the newest copy of the live text is "in use"
        same = row.pop("sha256") == live_sha
        row["in_gebruik"] = same and not marked
        marked = marked or same
    return rows
