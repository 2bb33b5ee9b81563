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
const failed = result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
console.log(`Tests: ${result.numPassedTests} passed, ${failed} failed, ${result.numPendingTests + result.numTodoTests} skipped`);
if (result.numTotalTests === 0) {
  console.error('test-summary: no test ran');
  process.exit(1);
}
