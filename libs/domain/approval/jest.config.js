module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'domain-approval',
  rootDir: __dirname,
};
