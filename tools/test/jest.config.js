// The test tooling's own tests (the structure check); they need none of the local servers.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'test-tools',
  rootDir: __dirname,
};
