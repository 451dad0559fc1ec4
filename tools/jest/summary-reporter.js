// Ends the run with one plain line any CI can read: "Tests: N passed, N failed[, N skipped]".
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failedSuites = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    const parts = [`${results.numPassedTests} passed`, `${results.numFailedTests} failed`];
    if (skipped > 0) parts.push(`${skipped} skipped`);
    if (failedSuites > 0 && results.numFailedTests === 0) parts.push(`${failedSuites} suites failed to run`);
    process.stdout.write(`\nTests: ${parts.join(', ')}\n`);
  }
}
module.exports = PlainSummaryReporter;
