// Prints vitest's totals as one plain line: "Tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let result;
try {
  result = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`test-summary: cannot read ${file}: ${error.message}`);
  process.exit(1);
}
// A file that failed without a failed test (it did not load, or a beforeAll threw and its tests
// were skipped) is a failure too: vitest's JSON counts only tests.
const failedFiles = (result.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'));
const failed = result.numFailedTests + failedFiles.length;
for (const f of failedFiles) console.error(`test-summary: ${f.name} failed outside its tests${f.message ? `: ${f.message.split('\n')[0]}` : ''}`);
console.log(`Tests: ${result.numPassedTests} passed, ${failed} failed, ${result.numPendingTests + result.numTodoTests} skipped`);
if (result.numTotalTests === 0) {
  console.error('test-summary: no test ran');
  process.exit(1);
}
