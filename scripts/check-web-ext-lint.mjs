// Fails when web-ext lint reports any error; prints errors and the warning count.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { errors = [], warnings = [] } = report;
for (const e of errors) console.error(`web-ext lint error: ${e.code} ${e.message} (${e.file ?? ''})`);
console.log(`web-ext lint: ${errors.length} errors, ${warnings.length} warnings`);
if (errors.length > 0) process.exit(1);
