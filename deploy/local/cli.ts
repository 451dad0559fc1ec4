/**
 * Local infrastructure for development and tests.
 *
 *   npm run infra:up [-- postgres kafka ferretdb]   install what is missing, start, wait until healthy
 *   npm run infra:down                              stop the servers this checkout started
 *   npm run infra:status                            show what is running and where
 *   npx tsx deploy/local/cli.ts env                 print the connection variables as shell exports
 */
import { allComponents, ensureUp, localConnectionEnv, status, stop, type ComponentName } from './infra';

function parseNames(args: string[]): ComponentName[] {
  if (args.length === 0) return allComponents;
  for (const arg of args) {
    if (!allComponents.includes(arg as ComponentName)) {
      throw new Error(`unknown component "${arg}"; choose from ${allComponents.join(', ')}`);
    }
  }
  return args as ComponentName[];
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'up': {
      // --json: machine-readable result on the last line (used by the Jest global setup).
      const json = rest.includes('--json');
      const names = parseNames(rest.filter((arg) => arg !== '--json'));
      const result = await ensureUp(names, json ? (line) => console.error(line) : console.log);
      if (json) {
        console.log(JSON.stringify(result));
        return;
      }
      const { env } = result;
      console.log('\nConnection settings (export them, or let `npm start` / `npm test` do it):');
      for (const [key, value] of Object.entries(env)) console.log(`  ${key}=${key.endsWith('PASSWORD') ? '*** (npx tsx deploy/local/cli.ts env)' : value}`);
      return;
    }
    case 'down':
      return stop(parseNames(rest));
    case 'status': {
      const rows = await status(parseNames(rest));
      for (const row of rows) {
        const state = row.healthy ? 'healthy' : 'not running';
        console.log(`${row.name.padEnd(9)} ${state.padEnd(12)} ${row.endpoint}${row.external ? ' (external)' : ''}  log: ${row.log}`);
      }
      process.exitCode = rows.every((row) => row.healthy) ? 0 : 3;
      return;
    }
    case 'env':
      for (const [key, value] of Object.entries(localConnectionEnv())) console.log(`export ${key}='${value}'`);
      return;
    default:
      throw new Error('usage: cli.ts up|down|status|env [postgres] [kafka] [ferretdb]');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
