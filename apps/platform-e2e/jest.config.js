module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'platform-e2e',
  rootDir: __dirname,
  globalSetup: '../../tools/jest/infra-global-setup.js',
  globalTeardown: '../../tools/jest/infra-global-teardown.js',
  testTimeout: 180_000,
};
