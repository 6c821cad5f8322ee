#!/usr/bin/env bash
# Train only when the training data, config or domain changed since the last model.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
mkdir -p var models
MODEL=models/wegwijzer.tar.gz
want=$(find config.yml bot/domain data bot/components safety -type f \( -name '*.yml' -o -name '*.py' \) | sort | xargs cat | sha256sum | cut -d' ' -f1)
if [ -f "$MODEL" ] && [ -f models/.fingerprint ] && [ "$(cat models/.fingerprint)" = "$want" ]; then
  echo "Training: niets veranderd, het bestaande model wordt gebruikt ($MODEL)"
  exit 0
fi
echo "Training: model trainen (op 2 kernen enkele minuten)..."
start=$(date +%s)
.venv/bin/rasa train --domain bot/domain --data data --config config.yml --out models \
  --fixed-model-name wegwijzer --force > var/train.log 2>&1 || { tail -30 var/train.log; echo "Training mislukt; zie var/train.log"; exit 1; }
echo "$want" > models/.fingerprint
echo "Training: klaar in $(( $(date +%s) - start )) s"
