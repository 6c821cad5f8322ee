"""Scale-out profile for real: two Rasa replicas, one PostgreSQL tracker store, one Redis lock store.

The messages of a conversation alternate between the replicas; afterwards the events stored in
PostgreSQL must hold every user message exactly once, in order, each turn complete (no events of
another turn in between), nothing duplicated.
"""
from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List

import pytest
import requests

from safety.pii import redact
from tests.conftest import Chat

pytestmark = pytest.mark.integration

SITUATION = "mijn dochter Lisa zit in groep 5 en loopt helemaal vast op de basisschool"
GEMEENTEN = ["Veenendaal", "Ede", "Wageningen", "Barneveld", "Nijkerk", "Rhenen", "Nijmegen", "Wijchen", "Druten", "Beuningen"]


def chats(cluster, sender: str) -> List[Chat]:
    """One user, talking to replica A and to replica B."""
    a, b = Chat(cluster.a.rasa_url), Chat(cluster.b.rasa_url)
    a.sender = b.sender = sender
    return [a, b]


def assert_stored_conversation_intact(events: List[Dict[str, Any]], user_messages: List[str]) -> None:
    assert [e["text"] for e in events if e["type"] == "user"] == [redact(m)[0] for m in user_messages]
    assert len({e["raw"] for e in events}) == len(events), "an event was stored twice"
    timestamps = [e["timestamp"] for e in events]
    assert timestamps == sorted(timestamps), "events of different turns are interleaved"
    # every turn: the user message, then the bot's actions, ending with its one action_listen
    turns: List[List[str]] = [[]]
    for event in events:
        if event["type"] == "user":
            turns.append([])
        elif event["type"] == "action":
            turns[-1].append(event["name"])
    for actions in turns:
        assert actions and actions[-1] == "action_listen" and actions.count("action_listen") == 1, \
            f"a turn was cut short or holds another turn's actions: {actions}"


def test_one_conversation_alternating_between_replicas(cluster, kb):
    a, b = chats(cluster, "alt" + uuid.uuid4().hex)
    assert "Wegwijzer" in a.say_text("hallo")
    assert "In welke gemeente woon je?" in b.say_text(SITUATION)
    answer = a.say_text("Veenendaal")  # the question was asked by replica B, the answer goes to A
    assert "gemeente Veenendaal" in answer and "Intern begeleider" in answer
    team = kb.desks[kb.gemeenten["veenendaal"].desks["lokaal_team"]].name
    assert team in answer
    assert team in b.say_text("ik wil een mens spreken")  # B knows the gemeente A was told

    events = cluster.stored_events(a.sender)
    assert_stored_conversation_intact(events, ["hallo", SITUATION, "Veenendaal", "ik wil een mens spreken"])
    assert all("Lisa" not in e["raw"] for e in events)  # the redacting tracker store works on PostgreSQL too


def test_concurrent_users_each_alternating_between_replicas(cluster, kb):
    def conversation(index: int) -> Dict[str, Any]:
        gemeente = GEMEENTEN[index]
        first, second = chats(cluster, f"user{index}-" + uuid.uuid4().hex)[:: 1 if index % 2 else -1]
        asked = first.say_text(SITUATION)
        answer = second.say_text(gemeente)
        human = first.say_text("ik wil een mens spreken")
        return {"sender": first.sender, "gemeente": gemeente, "asked": asked, "answer": answer, "human": human}

    with ThreadPoolExecutor(len(GEMEENTEN)) as pool:
        results = list(pool.map(conversation, range(len(GEMEENTEN))))

    for result in results:
        key = result["gemeente"].lower()
        team = kb.desks[kb.gemeenten[key].desks["lokaal_team"]].name
        assert "In welke gemeente woon je?" in result["asked"]
        assert f"gemeente {result['gemeente']}" in result["answer"], result["answer"][:300]
        assert team in result["answer"] and team in result["human"]  # each user gets their own gemeente, no cross-talk
        events = cluster.stored_events(result["sender"])
        assert_stored_conversation_intact(events, [SITUATION, result["gemeente"], "ik wil een mens spreken"])


def test_simultaneous_messages_of_one_conversation_are_serialised(cluster):
    """Two messages of one conversation reach the two replicas at the same moment, five times over."""
    sent: List[str] = []
    for round_ in range(5):
        a, b = chats(cluster, f"simultaneous{round_}-" + uuid.uuid4().hex)
        start = threading.Barrier(2)

        def send(chat: Chat, text: str) -> List[Dict[str, Any]]:
            start.wait()
            return chat.say(text)

        with ThreadPoolExecutor(2) as pool:
            replies = list(pool.map(send, [a, b], ["hallo", "dank je wel"]))
        assert all(replies), "each message gets an answer"
        events = cluster.stored_events(a.sender)
        users = [e["text"] for e in events if e["type"] == "user"]
        assert sorted(users) == ["dank je wel", "hallo"], f"round {round_}: stored user messages {users}"
        assert_stored_conversation_intact(events, users)
        sent.append(a.sender)
    # each conversation's lock is gone from Redis once both messages are done
    assert not [k for k in cluster.redis.client().keys("wegwijzer:lock:*") if k.decode().split(":")[-1] in sent]


def test_tickets_issued_at_the_same_moment_by_two_replicas_are_unique(cluster):
    """The lock store itself, as the two replicas use it: 2 × 20 tickets at once for one conversation."""
    from bot.lock_store import AtomicRedisLockStore

    settings = {"host": "127.0.0.1", "port": cluster.redis.port, "password": cluster.redis.password, "db": 1,
                "key_prefix": "wegwijzer"}
    replicas = [AtomicRedisLockStore(**settings), AtomicRedisLockStore(**settings)]
    conversation = "tickets" + uuid.uuid4().hex
    start = threading.Barrier(40)

    def issue(index: int) -> int:
        start.wait()
        return replicas[index % 2].issue_ticket(conversation)

    with ThreadPoolExecutor(40) as pool:
        tickets = list(pool.map(issue, range(40)))
    assert sorted(tickets) == list(range(40))
    assert len(replicas[0].get_lock(conversation).tickets) == 40
    with ThreadPoolExecutor(40) as pool:
        list(pool.map(lambda t: replicas[t % 2].cleanup(conversation, t), tickets))
    assert replicas[1].get_lock(conversation) is None


def test_conversation_goes_on_when_one_replica_stops(cluster, kb):
    """Runs last in this module: replica A is stopped, replica B continues A's conversation."""
    a, b = chats(cluster, "failover" + uuid.uuid4().hex)
    assert "In welke gemeente woon je?" in a.say_text(SITUATION)
    cluster.a.stop("rasa")
    with pytest.raises(requests.ConnectionError):
        a.say("Ede")
    answer = b.say_text("Ede")
    assert "gemeente Ede" in answer
    assert kb.desks[kb.gemeenten["ede"].desks["lokaal_team"]].name in answer
