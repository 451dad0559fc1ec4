// Every project's tests in one run (`npm test` uses this through tools/test/run-all.ts).
const fs = require('node:fs');
const path = require('node:path');

function findJestConfigs(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findJestConfigs(full));
    else if (entry.name === 'jest.config.js') found.push(full);
  }
  return found;
}

const projects = ['apps', 'libs', 'deploy', 'tools']
  .filter((dir) => fs.existsSync(path.join(__dirname, dir)))
  .flatMap((dir) => findJestConfigs(path.join(__dirname, dir)))
  .sort();

module.exports = {
  projects,
  reporters: ['default', '<rootDir>/tools/jest/summary-reporter.js'],
  globalSetup: '<rootDir>/tools/jest/infra-global-setup.js',
  globalTeardown: '<rootDir>/tools/jest/infra-global-teardown.js',
  // Jest reads testTimeout only from the root configuration when it runs several projects; the
  // integration suites (real Kafka, PostgreSQL, FerretDB) need more than the 5 s default.
  testTimeout: 120_000,
  // A safety net, not a habit: every suite closes what it opens (each project exits cleanly on its
  // own), but a leaked socket must never hold CI until its time limit.
  forceExit: true,
};
