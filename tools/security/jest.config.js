// The secret scan's checks; they need none of the local servers.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'secret-scan',
  rootDir: __dirname,
};
