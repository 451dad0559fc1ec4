/**
 * Every command README.md's Development table shows runs as written from the repository root,
 * given what the table says it needs (placeholders filled in). A command added to the table
 * without a check here fails the first test.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPostgresEventStore } from '@sa/event-store';
import { integrationEnv } from '@sa/testing-infra';

const repoRoot = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** The commands in the first column of the Development table. */
function developmentCommands(): string[] {
  const section = readFileSync(join(repoRoot, 'README.md'), 'utf8').split('\n## Development\n')[1].split('\n## ')[0];
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((row) => [...row.split(' | ')[0].matchAll(/`([^`]+)`/g)].map((match) => match[1]));
}

/** Runs a shell line the way a developer types it: bash, the repository root, only PATH and HOME (plus `env`). */
function shell(line: string, env: Record<string, string> = {}) {
  const result = spawnSync('bash', ['-c', line], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const replayLine = 'npx tsx apps/audit/src/cli.ts replay --case <applicationId> --auditor <userId> --org 331002 [--json]';
const envLine = 'eval "$(npx tsx deploy/local/cli.ts env)"';

describe('README development commands', () => {
  it('lists exactly the commands this test checks', () => {
    expect(developmentCommands()).toEqual([
      'npm run typecheck',
      'npm run lint',
      'npx nx test event-store',
      envLine,
      'npx nx serve intake',
      'npx tsx tools/dev/issue-token.ts --role intake-worker --org 331002001 --user wang.fang',
      replayLine,
    ]);
  });

  it('npm run typecheck / lint are the type check and lint that npm test runs first', () => {
    // tools/test/run-all.ts runs the same tools with the same arguments as its first static checks.
    expect(manifest.scripts.typecheck).toBe('tsc -p tsconfig.json');
    expect(manifest.scripts.lint).toBe('nx show projects > /dev/null && eslint apps libs tools deploy');
  });

  it('npx nx test event-store and npx nx serve intake name real Nx targets', () => {
    // when Nx is asked for the two projects as the README names them
    const shown = (project: string) => {
      const { code, stdout } = shell(`npx nx show project ${project} --json`, { NX_DAEMON: 'false' });
      expect(code).toBe(0);
      return Object.keys((JSON.parse(stdout) as { targets: Record<string, unknown> }).targets);
    };
    // then event-store has a test target and intake a serve target
    expect(shown('event-store')).toContain('test');
    expect(shown('intake')).toContain('serve');
  });

  it('the env line exports the three connection variables', () => {
    // when the line is evaluated in a shell
    const { code, stdout } = shell(`${envLine} && echo "$DATABASE_URL|$KAFKA_BROKERS|$MONGODB_URL"`);
    // then each is set (to the local servers, or to the ones this shell already named)
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^postgres(ql)?:\/\/\S+\|\S+:\d+\|mongodb:\/\/\S+$/);
  });

  it('the token command prints a signed development token', () => {
    const { code, stdout } = shell('npx tsx tools/dev/issue-token.ts --role intake-worker --org 331002001 --user wang.fang');
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('the audit replay runs with DATABASE_URL, as the README says, and answers "not found" for a case no service recorded', async () => {
    // given the services' event stores as npm start creates them (es_<service>, migrated as each service does at start)
    const { databaseUrl } = integrationEnv();
    for (const service of ['intake', 'verification', 'approval', 'payments', 'charity_referral']) {
      const store = createPostgresEventStore({ connectionString: databaseUrl, schema: `es_${service}`, sourceSystem: service, poolSize: 1 });
      await store.migrate();
      await store.close();
    }
    // when the README's line runs, placeholders filled in, with only DATABASE_URL set
    const applicationId = randomUUID();
    const line = replayLine.replace('<applicationId>', applicationId).replace('<userId>', 'liu.yang').replace(' [--json]', ' --json');
    const { code, stderr } = shell(line, { DATABASE_URL: databaseUrl });
    // then it read the stores and found nothing: exit 4 naming the case, not the usage error (exit 2)
    expect({ code, stderr: stderr.trim() }).toEqual({ code: 4, stderr: `no service has recorded case ${applicationId}` });
  });
});
