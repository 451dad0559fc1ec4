module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'domain-shared',
  rootDir: __dirname,
};
