"""Redis lock store that is safe when two Rasa replicas get a message of one conversation at once.

Rasa Open Source's RedisLockStore changes a conversation's ticket lock with a separate GET and SET.
When two replicas issue a ticket at the same moment, both read "no lock", both take ticket 0, and
both process their message at the same time: the second save then drops the other message's
events (measured: 14 of 25 simultaneous pairs lost a user message, tests/scaleout). Here every
read-modify-write of a lock is one Redis transaction (WATCH/MULTI/EXEC, retried on conflict).
Rasa Pro's ConcurrentRedisLockStore solves the same problem; it is not part of Rasa Open Source.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Optional, Tuple

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# a change gets the current lock (None when there is none) and returns (lock to store or None to delete, result)
Change = Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], Any]]


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        # Rasa builds a lock store given by module path with only `endpoint_config`
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str, change: Change) -> Any:
        key = self.key_prefix + conversation_id

        def transaction(pipe: Any) -> Any:
            raw = pipe.get(key)
            lock, result = change(TicketLock.from_dict(json.loads(raw)) if raw else None)
            pipe.multi()
            if lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, lock.dumps())
            return result

        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: Optional[TicketLock]) -> Tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}")

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._remove_ticket(conversation_id, ticket_number, delete_when_empty=False)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the ticket, and the lock when nobody waits any more, in one step."""
        self._remove_ticket(conversation_id, ticket_number, delete_when_empty=True)

    def _remove_ticket(self, conversation_id: str, ticket_number: int, delete_when_empty: bool) -> None:
        def remove(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock:
                lock.remove_ticket_for(ticket_number)
                if delete_when_empty and not lock.is_someone_waiting():
                    lock = None
            return lock, None

        self._change(conversation_id, remove)
