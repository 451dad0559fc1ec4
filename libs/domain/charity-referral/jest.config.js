module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'domain-charity-referral',
  rootDir: __dirname,
};
