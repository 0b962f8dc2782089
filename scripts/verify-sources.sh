#!/usr/bin/env bash
# What a Mozilla reviewer does with the sources archive, on this machine: unpack it into an empty folder, install
# from the lockfile, build for Firefox as SOURCES.md says, and compare the result with the Firefox package file by
# file. Run `npm run zip` first. Exit 0 only when every file is byte-identical and none is missing or extra.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(node -p "require('./package.json').version")
sources=".output/mayfly-${version}-sources.zip"
package=".output/mayfly-${version}-firefox.zip"
for f in "$sources" "$package"; do
  [ -f "$f" ] || { echo "missing $f: run npm run zip first" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q "$sources" -d "$work/src"
unzip -q "$package" -d "$work/submitted"
[ -f "$work/src/SOURCES.md" ] || { echo "the sources archive has no SOURCES.md" >&2; exit 1; }

(
  cd "$work/src"
  npm ci --no-audit --no-fund --loglevel=error
  npx wxt build -b firefox
) > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

if diff -r "$work/submitted" "$work/src/.output/firefox-mv2"; then
  count=$(find "$work/submitted" -type f | wc -l)
  echo "sources archive rebuilds the Firefox package: ${count} files identical"
else
  echo "the rebuilt Firefox package differs from ${package}" >&2
  exit 1
fi
