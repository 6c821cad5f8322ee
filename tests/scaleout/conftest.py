"""Two Rasa server replicas behind one PostgreSQL tracker store and one Redis lock store."""
from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from runner.stack import MODEL, ROOT, Stack, free_port
from tests.scaleout.services import INSTALL_HINT, Postgres, Redis, missing_services

SCALEOUT_ENDPOINTS = ROOT / "bot" / "endpoints-scaleout.yml"


@dataclass
class Cluster:
    a: Stack  # replica A (and the action server)
    b: Stack  # replica B
    postgres: Postgres
    redis: Redis

    def stored_events(self, sender: str) -> List[Dict[str, Any]]:
        """The conversation's events as stored in PostgreSQL, in the order the tracker store reads them."""
        conn = self.postgres.connect()
        try:
            cur = conn.cursor()
            cur.execute("SELECT id, type_name, data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
            return [{"id": row[0], "type": row[1], "raw": row[2], **json.loads(row[2])} for row in cur.fetchall()]
        finally:
            conn.close()


@contextlib.contextmanager
def running_cluster(workdir: Path) -> Iterator[Cluster]:
    postgres, redis = Postgres(), Redis()
    action_port = free_port()
    env = {**postgres.env(), **redis.env(), "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook"}
    a, b = (Stack(rasa_port=free_port(), action_port=action_port, web_port=free_port(), workdir=workdir / name,
                  endpoints=SCALEOUT_ENDPOINTS, extra_env=env, log_to_files=True) for name in ("a", "b"))
    try:
        postgres.start()
        redis.start()
        a.start(only=["acties", "rasa"])
        b.start(only=["rasa"])
        a.wait_ready(timeout=300)
        b.wait_ready(timeout=300)
        yield Cluster(a, b, postgres, redis)
    finally:
        a.stop()
        b.stop()
        redis.stop()
        postgres.stop()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    missing = missing_services()
    if missing:
        pytest.skip(f"Scale-out-tests overgeslagen: {' en '.join(missing)} niet gevonden; {INSTALL_HINT}")
    if not MODEL.exists():
        pytest.fail(f"Geen getraind model in {MODEL}: draai de tests via 'make test' (die traint eerst).")
    with running_cluster(tmp_path_factory.mktemp("scaleout")) as running:
        yield running
