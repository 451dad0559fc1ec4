module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'domain-payments',
  rootDir: __dirname,
};
