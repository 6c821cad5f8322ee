"""Which credentials file the Rasa server gets: bot/credentials.yml, plus the Telegram and WhatsApp
channels whose environment variables are set.

Rasa fills in ${VAR} in a credentials file and refuses to start when one is missing, so a channel's
file is only added when its first variable is set; then all its variables must be set.
Only the standard library (used by the runner).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import List, Mapping

BOT = Path(__file__).resolve().parent.parent
BASE = BOT / "credentials.yml"
CHANNELS = {"Telegram": BOT / "credentials-telegram.yml", "WhatsApp": BOT / "credentials-whatsapp.yml"}
_VARIABLE = re.compile(r"\$\{(\w+)\}")


class ChannelConfigError(Exception):
    pass


def variables(path: Path) -> List[str]:
    """The environment variables a channel file needs, in order; the first one switches it on."""
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#"))
    return list(dict.fromkeys(_VARIABLE.findall(text)))


def enabled_channels(env: Mapping[str, str]) -> List[str]:
    enabled = []
    for name, path in CHANNELS.items():
        needed = variables(path)
        if not env.get(needed[0]):
            continue
        missing = [v for v in needed if not env.get(v)]
        if missing:
            raise ChannelConfigError(f"{name} staat aan ({needed[0]} is gezet), maar deze variabelen ontbreken: "
                                     f"{', '.join(missing)}. Zet ze, of haal {needed[0]} weg om {name} uit te zetten.")
        enabled.append(name)
    return enabled


def credentials_file(env: Mapping[str, str], workdir: Path) -> Path:
    """bot/credentials.yml itself, or a copy in `workdir` with the enabled channels appended."""
    enabled = enabled_channels(env)
    if not enabled:
        return BASE
    parts = [BASE.read_text(encoding="utf-8")] + [CHANNELS[name].read_text(encoding="utf-8") for name in enabled]
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "credentials.runtime.yml"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
