module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'domain-audit',
  rootDir: __dirname,
};
