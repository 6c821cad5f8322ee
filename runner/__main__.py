"""`python -m runner`: start the assistant and stop every part cleanly on Ctrl-C."""
from __future__ import annotations

import os
import signal
import sys
import time

from bot.channels.credentials import ChannelConfigError
from runner.stack import PortInUse, Stack


def stores_problem() -> str:
    """Rasa quietly falls back to an in-memory tracker store when ours cannot be imported; then nothing is
    kept and redaction is off. Refuse to start instead."""
    try:
        import bot.lock_store  # noqa: F401
        import bot.tracker_store  # noqa: F401
    except Exception as error:  # any import-time failure, not only ImportError
        return (f"De gespreksopslag (bot/tracker_store.py of bot/lock_store.py) kan niet worden geladen: {error!r}. "
                "Rasa zou dan gesprekken alleen in het geheugen bewaren, zonder privacyfilter. Los de fout op en start opnieuw.")
    return ""


def main() -> int:
    problem = stores_problem()
    if problem:
        print(f"\n{problem}\n", file=sys.stderr)
        return 2
    stack = Stack(
        rasa_port=int(os.environ.get("RASA_PORT", 5005)),
        action_port=int(os.environ.get("ACTION_PORT", 5055)),
        web_port=int(os.environ.get("WEB_PORT", 8000)),
    )
    try:
        stack.start()
    except (PortInUse, ChannelConfigError) as error:
        print(f"\n{error}\n", file=sys.stderr)
        return 2
    stopping = False

    def stop(*_):
        nonlocal stopping
        if not stopping:
            stopping = True
            print("\nDe Wegwijzer stopt...", flush=True)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        stack.wait_ready(timeout=300)
        print(
            "\n================================================================\n"
            f" De Wegwijzer draait. Open in je browser:  http://localhost:{stack.web_port}\n"
            f" Widget op een voorbeeldsite:  http://localhost:{stack.web_port}/demo\n"
            f" Routekaart voor scholen:      http://localhost:{stack.web_port}/routekaart\n"
            f" Beheer (WEGWIJZER_ADMIN_TOKEN nodig): http://localhost:{stack.web_port}/admin\n"
            f" Rasa REST:      http://localhost:{stack.rasa_port}/webhooks/rest/webhook\n"
            f" Actieserver:    http://localhost:{stack.action_port}/health\n"
            " Stoppen: Ctrl-C\n"
            "================================================================\n", flush=True)
        while not stopping:
            for name, process in list(stack.processes.items()):
                if process.poll() is not None:
                    print(f"\n{name} is onverwacht gestopt (code {process.returncode}); alles wordt gestopt.", file=sys.stderr)
                    stopping = True
            time.sleep(0.5)
    except (RuntimeError, TimeoutError) as error:
        print(f"\nStarten mislukt: {error}", file=sys.stderr)
        stack.stop()
        return 1
    finally:
        stack.stop()
    print("Alles is gestopt.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
