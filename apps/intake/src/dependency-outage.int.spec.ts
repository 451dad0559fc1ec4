/**
 * Issue #10, items 4 and 10b, on a PostgreSQL of this test's own (another port, started and
 * stopped here; the shared servers are never touched): intake started while its PostgreSQL is
 * down waits (live 200, ready 503 naming the event store) and finishes starting when it appears;
 * PostgreSQL stopped under load (every backend ends with 57P01) does not end the process, and
 * intake takes applications again once PostgreSQL is back.
 */
import { PostgresEventStore } from '@sa/event-store';
import { EVENT_STORE, type RunningService, signDevToken, startService } from '@sa/platform';
import { eventually, serviceTestEnv } from '@sa/testing';
import { checkCharacter } from '@sa/domain-shared';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { service } from './service';
import { freePort } from '@sa/testing';

const repoRoot = resolve(__dirname, '..', '..', '..');

const token = signDevToken(
  { userId: 'wang.fang', role: 'intake-worker', orgUnit: '331002' },
  { secret: 'test-secret-test-secret-test-secret-42', issuer: 'social-assistance', audience: 'social-assistance' },
);
let sequence = 0;

/** A one-person household with a valid resident ID (GB 11643) unique to this run. */
function application() {
  sequence += 1;
  const first17 = `331002198001${String(1 + (sequence % 28)).padStart(2, '0')}${String(Math.floor(Math.random() * 900) + 100)}`;
  const residentId = first17 + checkCharacter(first17);
  return {
    programme: 'dibao',
    region: '331002001001',
    applicationLocation: 'hukou',
    channel: 'walk-in',
    household: {
      members: [
        {
          residentId,
          name: '成员',
          relation: 'applicant',
          birthDate: `${residentId.slice(6, 10)}-${residentId.slice(10, 12)}-${residentId.slice(12, 14)}`,
          disabilityGrade: null,
          seriousIllness: false,
          workAbility: 'full',
          declaredMonthlyIncomes: [{ kind: 'wage', monthlyFen: 180_000 }],
        },
      ],
      declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: 0, businessRegistrations: 0 },
      bankAccount: { bankName: '台州银行', accountHolder: '成员', accountNumber: '6222000011112222' },
    },
    consents: { economicCheck: true, charityReferral: true },
    nearRelative: { declared: false },
  };
}

/** PostgreSQL of this test only, through the infra CLI `npm start` uses (asynchronously: intake keeps serving meanwhile). */
class OwnPostgres {
  readonly databaseUrl: string;
  constructor(
    private readonly port: number,
    private readonly stateDir: string,
  ) {
    this.databaseUrl = `postgres://sa:sa-local-dev@127.0.0.1:${port}/social_assistance`;
  }

  start = () => this.cli('up');
  stop = () => this.cli('down');

  private cli(command: 'up' | 'down'): Promise<void> {
    const env = { ...process.env, DATABASE_URL: '', SA_PG_PORT: String(this.port), SA_INFRA_DIR: this.stateDir };
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'deploy/local/cli.ts', command, 'postgres'], { cwd: repoRoot, env, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolveCli, reject) =>
      child.once('exit', (code) => (code === 0 ? resolveCli() : reject(new Error(`infra ${command} postgres failed (${code}): ${output}`)))),
    );
  }
}

interface Readiness {
  status: number;
  body: { status: string; waitingFor?: string[]; checks: { name: string; ok: boolean; error?: string }[] };
}

describe('intake while its servers are away (a PostgreSQL of its own)', () => {
  let stateDir: string;
  let postgres: OwnPostgres;
  let url: string;
  let intake: RunningService | undefined;
  let starting: Promise<RunningService> | undefined;
  const giveUp = new AbortController();

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'sa-outage-'));
    chmodSync(stateDir, 0o755); // under root the server runs as the postgres user, which must reach its data
    postgres = new OwnPostgres(await freePort(), stateDir);
  });

  afterAll(async () => {
    giveUp.abort();
    await (intake ?? (await starting?.catch(() => undefined)))?.app.close();
    await postgres?.stop().catch(() => undefined);
    rmSync(stateDir, { recursive: true, force: true });
  });

  const ready = async (): Promise<Readiness> => {
    const res = await fetch(`${url}/health/ready`);
    return { status: res.status, body: (await res.json()) as Readiness['body'] };
  };
  const submit = () =>
    fetch(`${url}/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(application()),
    });

  it('starts while PostgreSQL is down: live 200, ready 503 naming the event store, then ready 200 and takes an application', async () => {
    // Given no PostgreSQL listening on its port
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // When intake starts
    starting = startService(service, serviceTestEnv('intake', { EVENT_STORE_URL: postgres.databaseUrl, PORT: String(port) }), {
      maxDelayMs: 500,
      signal: giveUp.signal,
    });
    // Then it answers: alive, not ready, waiting for the event store (and nothing else)
    await eventually(async () => expect((await fetch(`${url}/health/live`)).status).toBe(200), 20_000);
    const waiting = await eventually(async () => {
      const r = await ready();
      expect(r.body.checks.length).toBeGreaterThan(0);
      return r;
    });
    expect({ status: waiting.status, state: waiting.body.status, waitingFor: waiting.body.waitingFor }).toEqual({
      status: 503,
      state: 'waiting',
      waitingFor: ['event-store'],
    });
    // (why it fails, host and error, goes to the log: a caller sees only which dependency is missing)
    expect(waiting.body.checks.find((c) => c.name === 'event-store')).toEqual({ name: 'event-store', ok: false });
    expect((await submit()).status).toBe(503);

    // When PostgreSQL starts
    await postgres.start();
    // Then intake finishes starting (migrations included) and takes an application
    intake = await starting;
    await eventually(async () => expect((await ready()).status).toBe(200), 30_000);
    expect((await submit()).status).toBe(201);
  });

  it('names Kafka and MongoDB too while they are away, and gives up waiting when told to', async () => {
    // Given nothing listening where its Kafka broker and MongoDB server should be
    const [port, kafkaPort, mongoPort] = [await freePort(), await freePort(), await freePort()];
    const stop = new AbortController();
    const env = serviceTestEnv('intake', { PORT: String(port), KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`, MONGODB_URL: `mongodb://127.0.0.1:${mongoPort}/` });
    // When intake starts
    const waiting = startService(service, env, { maxDelayMs: 500, signal: stop.signal });
    waiting.catch(() => undefined);
    // Then readiness names both, liveness is fine
    await eventually(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect({ status: res.status, waitingFor: ((await res.json()) as Readiness['body']).waitingFor }).toEqual({
        status: 503,
        waitingFor: ['kafka', 'mongodb'],
      });
    }, 20_000);
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    // When it is told to stop waiting (what SIGTERM does under runService), it rejects and frees its port
    stop.abort(new Error('stopped while waiting'));
    await expect(waiting).rejects.toThrow('stopped while waiting');
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  });

  it('does not crash when PostgreSQL stops under load, and takes applications again when it is back', async () => {
    // Given intake under load: 8 clients submitting applications in a loop
    let loading = true;
    const answered: number[] = [];
    const clients = Array.from({ length: 8 }, async () => {
      while (loading)
        answered.push(
          await submit().then(
            (r) => r.status,
            () => 0,
          ),
        );
    });
    await eventually(async () => expect(answered.filter((s) => s === 201).length).toBeGreaterThan(20), 30_000);
    // … and a transaction in flight on the event store's pool (what an append's slow path holds)
    const store = intake?.app.get<PostgresEventStore>(EVENT_STORE);
    expect(store).toBeInstanceOf(PostgresEventStore);
    const inFlight = await (store as PostgresEventStore).pool.connect();
    await inFlight.query('begin');
    // When PostgreSQL stops (fast shutdown: every backend is terminated, 57P01) and stays away for a few seconds
    await postgres.stop();
    inFlight.release(true);
    const stoppedAt = answered.length;
    await eventually(async () => {
      const r = await ready();
      expect({ status: r.status, eventStoreOk: r.body.checks.find((c) => c.name === 'event-store')?.ok }).toEqual({ status: 503, eventStoreOk: false });
    }, 20_000);
    await new Promise((r) => setTimeout(r, 3000));
    // Then the process lives on and answers every request (refusals, no dropped connections)
    expect(answered.length).toBeGreaterThan(stoppedAt);
    expect(answered.slice(stoppedAt).filter((s) => s === 0)).toEqual([]);
    // … and says the refusal is temporary: 503 with Retry-After, never a 500
    expect(answered.slice(stoppedAt).filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(answered.slice(stoppedAt)).toContain(503);

    // When PostgreSQL is back
    await postgres.start();
    // Then intake is ready again and takes applications
    await eventually(async () => expect((await ready()).status).toBe(200), 30_000);
    const before = answered.filter((s) => s === 201).length;
    await eventually(async () => expect(answered.filter((s) => s === 201).length).toBeGreaterThan(before + 10), 30_000);
    loading = false;
    await Promise.all(clients);
    expect((await submit()).status).toBe(201);
  });
});
