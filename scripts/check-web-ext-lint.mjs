// Fails when web-ext lint reports any error or any warning; prints each finding.
//
// The two innerHTML assignments third-party code brought are removed at build time, not pinned here:
// Preact's `dangerouslySetInnerHTML` (build/preact-without-inner-html.ts) and DOMPurify's fallback parse for
// documents without DOMParser (build/dompurify-without-parse-fallback.ts).
import { readFileSync } from 'node:fs';

const [reportPath] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const { errors = [], warnings = [] } = report;

for (const e of errors) console.error(`web-ext lint error: ${e.code} ${e.message} (${e.file ?? ''})`);
for (const w of warnings) {
  console.error(`web-ext lint warning: ${w.code} ${w.message} (${w.file ?? ''}:${w.line ?? ''})`);
}
console.log(`web-ext lint: ${errors.length} errors, ${warnings.length} warnings`);
if (errors.length > 0 || warnings.length > 0) process.exit(1);
