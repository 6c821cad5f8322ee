#!/usr/bin/env bash
# Create .venv with Python 3.10 and the pinned dependencies. Idempotent: seconds when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
STAMP=$VENV/.wegwijzer-setup
want=$(cat requirements.txt scripts/setup.sh | sha256sum | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -x "$VENV/bin/rasa" ]; then
  exit 0
fi
PY=$(bash scripts/find_python.sh)
echo "Setup: Python $("$PY" -c 'import platform; print(platform.python_version())') ($PY)"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)'; then
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip 'setuptools<71' wheel 2> >(grep -v "is ignored: it is neither" >&2)
echo "Setup: dependencies installeren (de eerste keer duurt dit enkele minuten; TensorFlow is groot)"
# (this machine's pip config lists extra local package folders; their "is ignored" notes are noise)
"$VENV/bin/python" -m pip install --quiet -r requirements.txt 2> >(grep -v "is ignored: it is neither" >&2)
# The Dutch spaCy model comes from GitHub, not PyPI; where that cannot be reached we continue
# without it and the code uses spacy.blank("nl") (knowledge/nlp.py says which one it uses).
if ! "$VENV/bin/python" -c 'import nl_core_news_sm' 2>/dev/null; then
  if timeout 60 "$VENV/bin/python" -m spacy download nl_core_news_sm >/dev/null 2>&1; then
    echo "Setup: spaCy-model nl_core_news_sm geïnstalleerd"
  else
    echo "Setup: spaCy-model nl_core_news_sm kon niet worden gedownload; de assistent gebruikt spacy.blank('nl')"
  fi
fi
RASA_TELEMETRY_ENABLED=false "$VENV/bin/rasa" telemetry disable >/dev/null 2>&1 || true
echo "$want" > "$STAMP"
echo "Setup: klaar"
