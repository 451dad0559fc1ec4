module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'domain-intake',
  rootDir: __dirname,
};
