// Sums the "Tests  N passed | M failed (T)" lines that vitest prints for each package in a turbo run,
// and prints one closing line, "Tests: N passed, M failed, K skipped". Exits 1 if any test failed or
// if no test ran at all.
import { readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

const log = stripVTControlCharacters(readFileSync(process.argv[2], 'utf8'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let packages = 0;
for (const line of log.split('\n')) {
  const match = /\bTests\s{2,}(.*)\(\d+\)\s*$/.exec(line);
  if (!match) continue;
  packages++;
  for (const [, count, kind] of match[1].matchAll(/(\d+) (passed|failed|skipped)/g)) {
    totals[kind] += Number(count);
  }
}
console.log(`\nvitest summary over ${packages} packages`);
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
