// The `npm start` tooling's own tests (the supervisor); they need none of the local servers.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'platform-tools',
  rootDir: __dirname,
  testTimeout: 60_000,
};
