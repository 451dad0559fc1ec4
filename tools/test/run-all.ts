/**
 * `npm test`: installs and starts the real local servers the integration tests need (Kafka,
 * PostgreSQL, FerretDB), runs every project's Jest tests against them, then stops the servers
 * this run started. Extra arguments go to Jest, e.g. `npm test -- libs/event-store`.
 */
import { spawnSync } from 'node:child_process';
import { ensureUp, stop } from '../../deploy/local/infra';

async function main(): Promise<number> {
  const up = await ensureUp();
  let status = 1;
  try {
    const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--ci', ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, ...up.env, SA_INFRA_READY: '1' },
    });
    status = jest.status ?? 1;
  } finally {
    // Quietly, so the output still ends with Jest's summary.
    if (up.started.length > 0) await stop(up.started, () => undefined);
  }
  return status;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
