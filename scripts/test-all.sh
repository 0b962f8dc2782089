#!/usr/bin/env bash
# The README's test command (`npm test`): static checks, unit tests, both builds, web-ext lint, the store
# package checks, and the real-browser journeys (headless Chromium and Firefox ESR) against the local Temp
# Mail server.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-output

# Each phase's wall time is printed when it ends, and all of them again at the close.
timings=()
phase_start=$SECONDS
phase_name=''
step() {
  end_phase
  phase_name="$*"
  phase_start=$SECONDS
  printf '\n=== %s\n' "$*"
}
end_phase() {
  if [ -n "$phase_name" ]; then
    local took=$((SECONDS - phase_start))
    timings+=("$(printf '%4d s  %s' "$took" "$phase_name")")
    printf '=== %s: %d s\n' "$phase_name" "$took"
  fi
}

step "static checks (format, lint, typecheck, side by side)"
# The same three commands as `npm run check`, run at once (the typed lint and tsc each keep a core busy).
static_failed=0
npx prettier --check . > test-output/prettier.log 2>&1 &
prettier_pid=$!
npx eslint . > test-output/eslint.log 2>&1 &
eslint_pid=$!
npx tsc --noEmit > test-output/tsc.log 2>&1 &
tsc_pid=$!
for pid in $prettier_pid $eslint_pid $tsc_pid; do wait "$pid" || static_failed=1; done
cat test-output/prettier.log test-output/eslint.log test-output/tsc.log
if [ "$static_failed" -ne 0 ]; then
  echo 'static checks failed (see above)'
  exit 1
fi

step "unit tests (extension)"
npx vitest run --project unit --project unit-isolated --reporter=default --reporter=json --outputFile.json=test-output/unit.json

step "unit tests (local Temp Mail server)"
npx vitest run --project server --reporter=default --reporter=json --outputFile.json=test-output/server.json

step "build: Chrome MV3 and Firefox MV2"
npx wxt build
npx wxt build -b firefox

step "web-ext lint (Firefox build)"
npx web-ext lint --source-dir .output/firefox-mv2 --self-hosted --output=json > test-output/web-ext-lint.json || true
node scripts/check-web-ext-lint.mjs test-output/web-ext-lint.json

step "store package checks (manifest, icons, no remote code, CSP, permission justifications)"
node scripts/check-package.mjs

step "content-script size budgets (autofill 11 KB, in-field button 12 KB, gzip)"
node scripts/check-sizes.mjs

step "real-browser tests (headless Chromium, Firefox ESR)"
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=test-output/e2e.json

end_phase
printf '\nphase times (total %d s):\n' "$SECONDS"
printf '%s\n' "${timings[@]}"
node scripts/summarize-tests.mjs test-output/unit.json test-output/server.json test-output/e2e.json
