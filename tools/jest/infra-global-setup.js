// Jest global setup for projects with integration tests: makes sure the real local servers run
// (starting only the ones that do not) and exports their addresses to the test workers.
// `npm test` starts them itself and sets SA_INFRA_READY, so this is a no-op there.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function infraGlobalSetup() {
  if (process.env.SA_INFRA_READY === '1') return;
  const root = path.resolve(__dirname, '..', '..');
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'deploy/local/cli.ts', 'up', '--json'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 15 * 60 * 1000,
  });
  if (result.status !== 0) {
    throw new Error(`could not start the local infrastructure (exit ${result.status}); see the messages above`);
  }
  const { started, env } = JSON.parse(result.stdout.trim().split('\n').pop());
  Object.assign(process.env, env, { SA_INFRA_READY: '1' });
  globalThis.__SA_INFRA_STARTED__ = started;
};
