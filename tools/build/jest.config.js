// The build tooling's checks (service packages, Dockerfiles); they need none of the local servers.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'build-tools',
  rootDir: __dirname,
};
