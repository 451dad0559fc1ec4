// Stops the servers that the matching global setup started (and only those).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function infraGlobalTeardown() {
  const started = globalThis.__SA_INFRA_STARTED__ ?? [];
  if (started.length === 0) return;
  spawnSync(process.execPath, [require.resolve('tsx/cli'), 'deploy/local/cli.ts', 'down', ...started], {
    cwd: path.resolve(__dirname, '..', '..'),
    stdio: 'ignore',
  });
};
