#!/usr/bin/env bash
# rasa data validate, failing on any warning (its own --fail-on-warnings is unreliable, rasa#10079),
# plus the knowledge base check.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
mkdir -p var
echo "Validatie: kennisbank"
.venv/bin/python -m knowledge.validate
echo "Validatie: Rasa-trainingsdata en domein"
if ! .venv/bin/rasa data validate --domain bot/domain --data data --config config.yml --fail-on-warnings > var/validate.log 2>&1; then
  cat var/validate.log | grep -v -i deprecat | tail -30; echo "rasa data validate: mislukt"; exit 1
fi
if grep -E "UserWarning|ERROR" var/validate.log | grep -v -E "SQLAlchemy|MovedIn20Warning|pkg_resources|declare_namespace"; then
  echo "rasa data validate: waarschuwingen gevonden (zie hierboven)"; exit 1
fi
echo "Validatie: in orde"
