#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 needs >=3.8,<3.11), or explain what to install.
set -u
is310() { [ -x "$1" ] && "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; }
candidates=()
[ -n "${WEGWIJZER_PYTHON:-}" ] && candidates+=("$WEGWIJZER_PYTHON")
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.[0-9]+)?$' | sort -t. -k3 -n -r); do
    candidates+=("$(pyenv prefix "$v" 2>/dev/null)/bin/python3.10")
  done
fi
for d in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10* /usr/local/bin /usr/bin; do
  [ -x "$d/bin/python3.10" ] && candidates+=("$d/bin/python3.10")
  [ -x "$d/python3.10" ] && candidates+=("$d/python3.10")
done
for c in "${candidates[@]}"; do
  if is310 "$c"; then echo "$c"; exit 0; fi
done
cat >&2 <<'MSG'
Python 3.10 is niet gevonden. Rasa 3.6 werkt alleen met Python 3.8 tot en met 3.10.
Installeer Python 3.10 op een van deze manieren en start daarna opnieuw:
  - met pyenv:   pyenv install 3.10.13
  - op Debian/Ubuntu (als het pakket bestaat):   sudo apt-get install python3.10 python3.10-venv
  - of wijs een bestaande interpreter aan:   export WEGWIJZER_PYTHON=/pad/naar/python3.10
MSG
exit 1
