import { applicationKey } from '@sa/domain-audit';
import { createPostgresEventStore } from '@sa/event-store';
import { createLogger, connectMongo, Leadership } from '@sa/platform';
import { eventually, integrationEnv, uniqueName } from '@sa/testing';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { CaseIndex } from './case-index/case-index';
import { CaseIndexer } from './case-index/case-indexer';
import { parseSourceSchemas } from './sources/source-config';
import { SourceStores } from './sources/source-stores';
import { Scenario, type WrittenCase } from './test-support/scenarios';
import { createSourceSchemas, type SourceSchemas } from './test-support/source-schemas';

const root = resolve(__dirname, '../../..');

function sourcesOf(env: string) {
  const parsed = parseSourceSchemas(env);
  if ('problems' in parsed) throw new Error(parsed.problems.join('; '));
  return parsed.sources;
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'apps/audit/src/cli.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('audit CLI: replay --case', () => {
  let sources: SourceSchemas;
  let theCase: WrittenCase;
  const auditSchema = uniqueName('audit_cli_log');
  let env: Record<string, string>;

  beforeAll(async () => {
    const scenario = new Scenario();
    theCase = scenario.dibaoCase();
    sources = await createSourceSchemas(integrationEnv().databaseUrl);
    await sources.seed(scenario.drafts);
    env = { DATABASE_URL: integrationEnv().databaseUrl, AUDIT_SOURCE_SCHEMAS: sources.env, EVENT_STORE_SCHEMA: auditSchema };
  });
  afterAll(async () => {
    const log = createPostgresEventStore({ connectionString: integrationEnv().databaseUrl, schema: auditSchema, sourceSystem: 'test', poolSize: 1 });
    await log.pool.query(`drop schema if exists "${auditSchema}" cascade`);
    await log.close();
    await sources?.drop();
  });

  it('prints the timeline for people, in China time with actors and reasons, masking resident IDs, and records the replay', async () => {
    // When an auditor replays the case from the command line
    const { code, stdout, stderr } = await runCli(['replay', '--case', theCase.applicationId, '--auditor', 'liu.yang', '--org', '331002'], env);
    // Then the timeline reads in order, with who did what and why
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(`Case ${theCase.applicationId}  dibao · region 331002001001 · 16 events from intake, verification, approval, payments`);
    expect(stdout).toContain('Hash chains: all 6 streams verified');
    expect(stdout).toMatch(/2025-03-03 09:10:00 {2}intake +ApplicationSubmitted\n {4}by wang\.fang \(intake-worker, 331002001\)/);
    expect(stdout).toContain('reason: 申请人更正银行账户');
    expect(stdout).toMatch(/\+ employment-cost-deduction +employment-cost deduction +-357\.00 → +-357\.00/);
    expect(stdout.indexOf('ApplicationSubmitted')).toBeLessThan(stdout.indexOf('CaseApproved'));
    expect(stdout).not.toContain(theCase.members[0]);
    // And the replay is in the audit log, under the CLI channel
    const log = createPostgresEventStore({
      connectionString: integrationEnv().databaseUrl,
      schema: auditSchema,
      sourceSystem: 'test',
      poolSize: 1,
      readOnly: true,
    });
    try {
      const [recorded] = await log.readStream(`audit-case-${theCase.applicationId}`);
      expect(recorded).toMatchObject({
        type: 'CaseHistoryReplayed',
        actor: { userId: 'liu.yang', role: 'auditor', orgUnit: '331002' },
        data: { channel: 'cli', outcome: 'answered', result: { events: 16 } },
      });
    } finally {
      await log.close();
    }
  });

  it('gives the full history as JSON with --json, and refuses an unnamed auditor or a case outside the region', async () => {
    const json = await runCli(['replay', '--case', theCase.applicationId, '--json', '--auditor', 'liu.yang', '--org', '331002'], env);
    expect(json.code).toBe(0);
    const view = JSON.parse(json.stdout) as { timeline: { type: string; actor: { userId: string } }[] };
    expect(view.timeline).toHaveLength(16);
    expect(view.timeline[0]).toMatchObject({ type: 'ApplicationSubmitted', actor: { userId: 'wang.fang' } });

    const anonymous = await runCli(['replay', '--case', theCase.applicationId], env);
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toContain('the auditor must be named');
    const elsewhere = await runCli(['replay', '--case', theCase.applicationId, '--auditor', 'hz.auditor', '--org', '330102'], env);
    expect(elsewhere.code).toBe(3);
    expect(elsewhere.stderr).toContain('outside the jurisdiction of organisation unit 330102');
  });

  it('reads through the audit service’s case index when MONGODB_URL names it, the same timeline as a full scan', async () => {
    // Given the case index built over the sources, as the audit service keeps it
    const mongoDb = uniqueName('audit_cli_index');
    const mongo = await connectMongo(integrationEnv().mongodbUrl, mongoDb);
    const stores = SourceStores.open({ databaseUrl: integrationEnv().databaseUrl, sources: sourcesOf(sources.env), poolSize: 2 });
    const indexer = new CaseIndexer(
      stores,
      new CaseIndex(mongo),
      createLogger('audit-cli-test', 'warn'),
      Leadership.alone(createLogger('audit-cli-test', 'warn')),
    );
    try {
      await indexer.onApplicationBootstrap();
      await eventually(() => expect(indexer.caughtUp).toBe(true));
      await indexer.beforeApplicationShutdown();
      const index = new CaseIndex(mongo);
      expect(await index.checkpoint('approval')).toBeGreaterThan(0);
      expect(await index.lookup([applicationKey(theCase.applicationId)])).not.toEqual([]);
      // When the auditor replays with the index, and with --full-scan
      const args = ['replay', '--case', theCase.applicationId, '--json', '--auditor', 'liu.yang', '--org', '331002'];
      const indexed = await runCli(args, { ...env, MONGODB_URL: integrationEnv().mongodbUrl, MONGODB_DB: mongoDb });
      const scanned = await runCli([...args, '--full-scan'], { ...env, MONGODB_URL: integrationEnv().mongodbUrl, MONGODB_DB: mongoDb });
      // Then both answer, with no notice, and the same events in the same order
      expect([indexed.code, indexed.stderr, scanned.code, scanned.stderr]).toEqual([0, '', 0, '']);
      const ids = (out: string) => (JSON.parse(out) as { timeline: { eventId: string }[] }).timeline.map((e) => e.eventId);
      expect(ids(indexed.stdout)).toHaveLength(16);
      expect(ids(indexed.stdout)).toEqual(ids(scanned.stdout));
    } finally {
      await stores.close();
      await mongo.dropDatabase().catch(() => undefined);
      await mongo.close();
    }
  });

  it('reads every source’s whole log, saying so, when the case index cannot be reached', async () => {
    // Given a MONGODB_URL where nothing listens
    const unreachable = { ...env, MONGODB_URL: 'mongodb://127.0.0.1:9/' };
    // When the auditor replays
    const { code, stdout, stderr } = await runCli(['replay', '--case', theCase.applicationId, '--auditor', 'liu.yang', '--org', '331002'], unreachable);
    // Then the replay is complete, and a note says why the whole log was read
    expect(code).toBe(0);
    expect(stdout).toContain('16 events from intake, verification, approval, payments');
    expect(stderr).toMatch(/^note: the case index \(MONGODB_URL\) could not be read \(.+\); reading every source's whole log\n$/);
  });
});
