// The chaos judge's pure unit tests: `npx jest -c tools/chaos/jest.config.js`. Not part of `npm test`
// (its project list covers apps, libs and deploy); the suite itself is `npm run chaos`.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'chaos',
  rootDir: __dirname,
};
