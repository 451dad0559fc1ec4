module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'event-store',
  rootDir: __dirname,
  globalSetup: '../../tools/jest/infra-global-setup.js',
  globalTeardown: '../../tools/jest/infra-global-teardown.js',
  testTimeout: 120_000,
};
