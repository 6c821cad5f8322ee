"""Holds the knowledge base in use and swaps in a new version when the files change.

A changed folder is validated as a whole; only a valid one replaces the running version, in one
assignment. An invalid or half-written one is logged and the last good version keeps serving.
Checking is cheap (a stat per file), so it happens on access, at most every `interval` seconds.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import List, Optional, Tuple

from knowledge.loader import DEFAULT_ROOT, InvalidKnowledge, load
from knowledge.model import KnowledgeBase
from knowledge.validate import Issue
from knowledge.yaml_source import yaml_files

logger = logging.getLogger(__name__)

Fingerprint = Tuple[Tuple[str, int, int], ...]


def fingerprint(root: Path) -> Fingerprint:
    result = []
    for path in yaml_files(root):
        try:
            stat = path.stat()
        except FileNotFoundError:  # removed while we listed
            continue
        result.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(result)


class KnowledgeStore:
    def __init__(self, root: Optional[Path] = None, interval: float = 0.5):
        self.root = Path(root or os.environ.get("WEGWIJZER_KENNISBANK", DEFAULT_ROOT))
        self.interval = interval
        self._lock = threading.Lock()
        self._kb: Optional[KnowledgeBase] = None
        self._seen: Fingerprint = ()
        self._checked_at = 0.0
        self.last_error: List[Issue] = []
        self.loaded_at = 0.0
        self.reload(force=True)

    @property
    def kb(self) -> KnowledgeBase:
        if time.monotonic() - self._checked_at >= self.interval:
            self.reload()
        if self._kb is None:
            raise RuntimeError("Er is nog geen geldige kennisbank geladen: " + "; ".join(map(str, self.last_error[:3])))
        return self._kb

    def reload(self, force: bool = False) -> bool:
        """Load the folder if it changed since the last attempt. Returns True when a new version is in use."""
        with self._lock:
            self._checked_at = time.monotonic()
            current = fingerprint(self.root)
            if current == self._seen and not force:
                return False
            self._seen = current  # a failed version is not retried until the files change again
            try:
                kb, warnings = load(self.root)
            except InvalidKnowledge as invalid:
                self.last_error = invalid.issues
                logger.error("Nieuwe kennisbank afgekeurd; de vorige versie blijft in gebruik:\n%s", invalid)
                return False
            except Exception:  # never let a bad file take the assistant down
                logger.exception("Kennisbank kon niet worden geladen; de vorige versie blijft in gebruik")
                return False
            self._kb, self.last_error, self.loaded_at = kb, [], time.time()
            logger.info("Kennisbank versie %s geladen (%d situaties, %d gemeenten, %d waarschuwingen)",
                        kb.version, len(kb.situations), len(kb.gemeenten), len(warnings))
            return True


_shared: Optional[KnowledgeStore] = None


def shared_store() -> KnowledgeStore:
    """One store per process (action server, Rasa NLU component, web service)."""
    global _shared
    if _shared is None:
        _shared = KnowledgeStore()
    return _shared
