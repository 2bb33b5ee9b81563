#!/usr/bin/env bash
# The project's test command: build, run vitest, print one plain closing line.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/node24.sh || exit 1
npm run build --silent || exit 1
mkdir -p test/.artifacts
npx vitest run --reporter=default --reporter=json --outputFile.json=test/.artifacts/vitest.json "$@"
code=$?
node scripts/test-summary.mjs test/.artifacts/vitest.json || code=1
exit $code
