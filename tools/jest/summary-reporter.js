// One plain line any CI can read: "Tests: N passed, N failed[, N skipped]". A suite that failed to
// run counts as a failed test, so the line never reads "0 failed" for a broken run. `npm test`
// (tools/test/run-all.ts) prints it again as the very last line, after Jest and the servers stop.
const fs = require('node:fs');

class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const brokenSuites = results.testResults.filter((suite) => suite.testExecError || (suite.failureMessage && suite.numFailingTests === 0)).length;
    const parts = [`${results.numPassedTests} passed`, `${results.numFailedTests + brokenSuites} failed`];
    if (skipped > 0) parts.push(`${skipped} skipped`);
    const line = `Tests: ${parts.join(', ')}`;
    // A skip is never silent: each skipped test is named (the KurrentDB conformance run says why).
    const skippedNames = results.testResults.flatMap((suite) =>
      suite.testResults.filter((t) => t.status === 'pending' || t.status === 'todo').map((t) => t.fullName),
    );
    for (const name of skippedNames) process.stdout.write(`\nskipped: ${name}`);
    process.stdout.write(`\n${line}\n`);
    if (process.env.SA_TEST_SUMMARY_FILE) fs.writeFileSync(process.env.SA_TEST_SUMMARY_FILE, line);
  }
}
module.exports = PlainSummaryReporter;
