module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'platform',
  rootDir: __dirname,
  // Integration tests (*.int.spec.ts) run against the real local PostgreSQL and FerretDB.
  globalSetup: '../../tools/jest/infra-global-setup.js',
  globalTeardown: '../../tools/jest/infra-global-teardown.js',
};
