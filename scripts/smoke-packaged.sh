#!/usr/bin/env bash
# Runs a packaged Label Audit in smoke mode and fails unless it printed the success line FROM ELECTRON
# (release workflow, issue 9). Usage: scripts/smoke-packaged.sh <executable> [extra Chromium switches...]
# The app opens a temporary workspace, imports the bundled Label NR grid, scores it, prints one line, exits 0;
# a native module built for the wrong runtime makes it print "SMOKE-TEST ÉCHEC : …" and exit 1.
set -uo pipefail
exe="$1"
shift
if [ ! -e "$exe" ]; then
  echo "::error::exécutable introuvable : $exe"
  exit 1
fi
out="$(mktemp)"
"$exe" --smoke-test "$@" >"$out" 2>&1
code=$?
echo "--- sortie de $exe --smoke-test (code $code)"
cat "$out"
echo "---"
if [ "$code" -ne 0 ]; then
  echo "::error::le test de fumée a échoué (code $code) : $(grep -m1 'SMOKE-TEST' "$out" || tail -n 3 "$out")"
  exit 1
fi
# The line must come from Electron (not a Node fallback) and name Electron's ABI.
if ! grep -Eq '^SMOKE-TEST OK Label Audit .* Electron [0-9.]+ \(NODE_MODULE_VERSION [0-9]+\)' "$out"; then
  echo "::error::ligne SMOKE-TEST OK attendue (avec la version d'Electron) absente"
  exit 1
fi
echo "test de fumée réussi"
