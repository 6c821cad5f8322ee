#!/usr/bin/env bash
# NLU cross-validation (5 folds) of the chosen pipeline (config.yml) and the candidates in
# bench/nlu_pipelines/. Prints a table of intent accuracy and macro-F1 per pipeline.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
FOLDS=${FOLDS:-5}
out=var/crossval
mkdir -p "$out"
for cfg in config.yml ${CANDIDATES:-bench/nlu_pipelines/*.yml}; do
  name=$(basename "$cfg" .yml)
  [ "$cfg" = config.yml ] && name=gekozen_config
  echo "Cross-validatie: $name ($FOLDS folds)"
  start=$(date +%s)
  .venv/bin/rasa test nlu --nlu data/nlu --config "$cfg" --cross-validation --folds "$FOLDS" \
    --out "$out/$name" > "$out/$name.log" 2>&1 || { tail -20 "$out/$name.log"; exit 1; }
  echo "$(( $(date +%s) - start ))" > "$out/$name.seconds"
done
.venv/bin/python - <<'PY'
import json, pathlib
out = pathlib.Path("var/crossval")
print("| pipeline | intent accuracy | macro-F1 | weighted-F1 | tijd (s) |")
print("|---|---|---|---|---|")
for d in sorted(p for p in out.iterdir() if p.is_dir()):
    report = json.loads((d / "intent_report.json").read_text())
    seconds = (out / f"{d.name}.seconds").read_text().strip()
    print(f"| {d.name} | {report['accuracy']:.3f} | {report['macro avg']['f1-score']:.3f} | {report['weighted avg']['f1-score']:.3f} | {seconds} |")
PY
