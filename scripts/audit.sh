#!/usr/bin/env bash
# `make audit`: pip-audit of the installed, pinned dependencies in .venv against a vulnerability database.
# pip-audit lives in its own tool venv (var/audit-venv), so it never changes the app's dependencies.
# The database is online (PyPI's JSON API per release, or OSV): without it the audit cannot say anything, and this
# script says so and exits 2 instead of reporting "no known vulnerabilities". Not part of `make test`/CI for that reason.
set -euo pipefail
cd "$(dirname "$0")/.."
PIP_AUDIT_VERSION=2.10.1
SERVICE="${AUDIT_SERVICE:-pypi}"   # pypi or osv
TOOL=var/audit-venv
OUT=var/audit.json

[ -x .venv/bin/python ] || { echo "Eerst 'make setup': er is nog geen .venv om te controleren." >&2; exit 1; }
if ! "$TOOL/bin/pip-audit" --version 2>/dev/null | grep -q "$PIP_AUDIT_VERSION"; then
  .venv/bin/python -m venv "$TOOL"
  "$TOOL/bin/pip" install -q "pip-audit==$PIP_AUDIT_VERSION"
fi
SITE=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
rm -f "$OUT"
set +e
"$TOOL/bin/pip-audit" --path "$SITE" --vulnerability-service "$SERVICE" --format json --output "$OUT" \
  --progress-spinner off --desc on --aliases on 2>var/audit.err
status=$?
set -e
if [ ! -s "$OUT" ]; then
  echo "pip-audit could not finish: the vulnerability database ($SERVICE) is not reachable from here. NOT a clean result."
  grep -E "Error|error" var/audit.err | tail -1
  exit 2
fi
"$TOOL/bin/python" - "$OUT" "$SERVICE" "$status" <<'PY'
import json, sys
path, service, status = sys.argv[1], sys.argv[2], int(sys.argv[3])
deps = json.load(open(path))["dependencies"]
skipped = [d for d in deps if d.get("skip_reason")]
vulnerable = [d for d in deps if d.get("vulns")]
print(f"pip-audit ({service}): {len(deps)} packages, {len(vulnerable)} with known vulnerabilities, "
      f"{len(skipped)} could not be checked")
for d in vulnerable:
    for v in d["vulns"]:
        aliases = ", ".join(v.get("aliases") or [])
        print(f"  {d['name']} {d['version']}: {v['id']}{' (' + aliases + ')' if aliases else ''}; "
              f"fixed in {', '.join(v.get('fix_versions') or []) or 'no release yet'}")
if skipped and len(skipped) > len(deps) // 2:
    print(f"Most packages could not be checked ({skipped[0]['skip_reason']}): the vulnerability database "
          f"({service}) is not reachable from here. Try AUDIT_SERVICE=osv or run on a machine with internet access. "
          "This is NOT a clean result.")
    sys.exit(2)
sys.exit(1 if vulnerable else 0)
PY
