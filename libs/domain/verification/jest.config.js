module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'domain-verification',
  rootDir: __dirname,
};
