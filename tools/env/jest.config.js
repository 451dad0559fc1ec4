// The environment reference's checks; they need none of the local servers.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'environment-reference',
  rootDir: __dirname,
};
