module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'domain-temporary-assistance',
  rootDir: __dirname,
};
