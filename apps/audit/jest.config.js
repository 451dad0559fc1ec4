module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'audit',
  rootDir: __dirname,
  globalSetup: '../../tools/jest/infra-global-setup.js',
  globalTeardown: '../../tools/jest/infra-global-teardown.js',
  testTimeout: 60_000,
};
