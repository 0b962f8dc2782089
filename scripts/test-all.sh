#!/usr/bin/env bash
# The README's test command (`npm test`): static checks, unit tests, both builds, web-ext lint, and the
# real-browser journeys (headless Chromium and Firefox ESR) against the local Temp Mail server.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-output

step() { printf '\n=== %s\n' "$*"; }

step "static checks (format, lint, typecheck)"
npm run -s check

step "unit tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-output/unit.json

step "build: Chrome MV3 and Firefox MV2"
npx wxt build
npx wxt build -b firefox

step "web-ext lint (Firefox build)"
npx web-ext lint --source-dir .output/firefox-mv2 --self-hosted --output=json > test-output/web-ext-lint.json || true
node scripts/check-web-ext-lint.mjs test-output/web-ext-lint.json

step "real-browser tests (headless Chromium, Firefox ESR)"
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=test-output/e2e.json

node scripts/summarize-tests.mjs test-output/unit.json test-output/e2e.json
