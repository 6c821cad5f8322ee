#!/usr/bin/env bash
# Everything CI runs: validation, training (only if needed), rasa test stories, all pytest tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
start=$(date +%s)
bash scripts/validate.sh
bash scripts/train.sh
echo "Test: rasa test (teststories in tests/, fout bij elke verkeerde voorspelling)"
rm -rf var/rasa-test-results
.venv/bin/rasa test core --model models/wegwijzer.tar.gz --stories tests/stories --fail-on-prediction-errors \
  --endpoints bot/endpoints.yml --out var/rasa-test-results > var/rasa-test.log 2>&1 || {
  grep -v -i deprecat var/rasa-test.log | tail -40; cat var/rasa-test-results/failed_test_stories.yml 2>/dev/null | head -60
  echo "rasa test: voorspellingsfouten in de teststories"; exit 1; }
grep -E "Correct:|Accuracy" var/rasa-test.log | head -4 || true
echo "Test: pytest"
set +e
.venv/bin/python -m pytest "$@"
code=$?
set -e
if [ $code -eq 5 ]; then echo "pytest heeft geen tests gevonden: dat telt als fout"; exit 1; fi
echo "Totale testtijd: $(( $(date +%s) - start )) s"
exit $code
