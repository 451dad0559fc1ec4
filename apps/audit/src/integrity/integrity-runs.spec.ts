import type { AuditQueryRecord } from '@sa/domain-audit';
import type { Actor } from '@sa/domain-shared';
import type { Clock, Logger } from '@sa/platform';
import type { AuditLog } from '../audit-log/audit-log';
import { AuditRecorder } from '../audit-log/audit-recorder';
import type { Config } from '../config';
import type { SourceStores } from '../sources/source-stores';
import { IntegrityRuns, keptRuns, shutdownGraceMs } from './integrity-runs';
import { type StoresVerification, verifyStores } from './store-verifier';

jest.mock('./store-verifier', () => ({ verifyStores: jest.fn() }));
const verify = jest.mocked(verifyStores);

const admin: Actor = { userId: 'admin.he', role: 'civil-affairs-admin', orgUnit: '331002' };
const verified: StoresVerification = { ok: true, events: 120, streams: 14, ms: 40, eventsPerSecond: 3000, sources: [], breaks: [] };

/** A verification that ends when the test says so. */
function pending() {
  let finish: (value: StoresVerification) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  verify.mockImplementationOnce(() => new Promise((resolve, reject) => ((finish = resolve), (fail = reject))));
  return { finish: (value = verified) => finish(value), fail: (error: Error) => fail(error) };
}

function setUp() {
  const recorded: Omit<AuditQueryRecord, 'queryId'>[] = [];
  const log = { record: jest.fn(async (entry: Omit<AuditQueryRecord, 'queryId'>) => (recorded.push(entry), { ...entry, queryId: 'q' })) };
  const logger = { info: jest.fn(), error: jest.fn() };
  const clock = { now: () => new Date('2025-05-01T02:00:00.000Z') };
  const config = { AUDIT_SCAN_PAGE_SIZE: 5000, AUDIT_INTEGRITY_WORKERS: 2 } as Config;
  const runs = new IntegrityRuns(
    { all: [] } as unknown as SourceStores,
    config,
    new AuditRecorder(log as unknown as AuditLog, () => clock.now()),
    clock as Clock,
    logger as unknown as Logger,
    null,
  );
  return { runs, recorded, log, logger };
}

/** Lets the run's promise chain settle. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('integrity verification runs (in the background, kept in memory)', () => {
  beforeEach(() => verify.mockReset());

  it('answers at once with a running run, then holds the result and records it in the audit log', async () => {
    const { runs, recorded, logger } = setUp();
    const verification = pending();
    // When an administrator starts a run
    const { run, started } = runs.start(admin);
    // Then it is running at once, with the configured work under way
    expect(started).toBe(true);
    expect(run).toMatchObject({ status: 'running', startedAt: '2025-05-01T02:00:00.000Z', requestedBy: admin });
    expect(verify).toHaveBeenCalledWith({ all: [] }, { pageSize: 5000, workers: 2 });
    expect(logger.info).toHaveBeenCalledWith({ runId: run.runId, requestedBy: admin }, 'integrity verification started');
    // When the verification ends
    verification.finish();
    await settled();
    // Then the run holds the whole result, and the audit log who asked and the figures
    expect(runs.get(run.runId)).toMatchObject({ status: 'succeeded', finishedAt: '2025-05-01T02:00:00.000Z', result: verified });
    expect(recorded).toEqual([
      expect.objectContaining({
        query: 'all-integrity',
        outcome: 'answered',
        auditedBy: admin,
        parameters: { runId: run.runId },
        result: { ok: true, events: 120, streams: 14, breaks: 0, ms: 40 },
      }),
    ]);
  });

  it('gives the running run to whoever asks while it runs, and starts a new one after', async () => {
    const { runs } = setUp();
    const verification = pending();
    // Given a run going
    const first = runs.start(admin).run;
    // When an auditor asks too
    const second = runs.start({ userId: 'auditor.liu', role: 'auditor', orgUnit: '331002' });
    // Then they get that run, and nothing more is verified
    expect(second).toEqual({ run: first, started: false });
    expect(verify).toHaveBeenCalledTimes(1);
    // And once it has ended, asking starts a new run
    verification.finish();
    await settled();
    pending();
    const third = runs.start(admin);
    expect(third.started).toBe(true);
    expect(third.run.runId).not.toBe(first.runId);
  });

  it('keeps a failure as the run’s outcome, logged, without an unhandled rejection', async () => {
    // Given a run going
    const { runs, recorded, logger } = setUp();
    const verification = pending();
    const { run } = runs.start(admin);
    // When the stores cannot be read
    verification.fail(new Error('connection terminated'));
    await settled();
    // Then the run failed with the error, and the audit log records the failed attempt (no answer)
    expect(runs.get(run.runId)).toMatchObject({ status: 'failed', error: 'connection terminated', finishedAt: '2025-05-01T02:00:00.000Z' });
    expect(recorded).toEqual([
      expect.objectContaining({
        query: 'all-integrity',
        auditedBy: admin,
        outcome: 'failed',
        parameters: { runId: run.runId },
        result: { error: 'Error: connection terminated' },
      }),
    ]);
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ runId: run.runId }), 'integrity verification failed');
  });

  it('fails a run whose audit record cannot be written: never an unrecorded answer', async () => {
    // Given an audit log that cannot be written
    const { runs, log } = setUp();
    log.record.mockRejectedValueOnce(new Error('audit store unavailable'));
    // When a run verifies the stores
    const verification = pending();
    const { run } = runs.start(admin);
    verification.finish();
    await settled();
    // Then it failed, and its result is not shown
    expect(runs.get(run.runId)).toMatchObject({ status: 'failed', error: 'audit store unavailable' });
    expect(runs.get(run.runId)?.result).toBeUndefined();
  });

  it(`keeps only the last ${keptRuns} runs, listed newest first`, async () => {
    // Given quick verifications
    const { runs } = setUp();
    verify.mockResolvedValue(verified);
    // When more runs than are kept have ended
    const ids: string[] = [];
    for (let i = 0; i < keptRuns + 5; i++) {
      ids.push(runs.start(admin).run.runId);
      await settled();
    }
    // Then only the newest are there, newest first
    expect(runs.recent(keptRuns + 10).map((r) => r.runId)).toEqual(ids.slice(5).reverse());
    expect(runs.get(ids[0] as string)).toBeUndefined();
    expect(runs.recent(3)).toHaveLength(3);
  });

  it('lets a run end before shutdown completes, and starts no new one while stopping', async () => {
    // Given a run going
    const { runs } = setUp();
    const verification = pending();
    const { run } = runs.start(admin);
    // When the service shuts down while a run is going, and the run ends
    const stopped = runs.beforeApplicationShutdown();
    verification.finish();
    await stopped;
    // Then the run was finished and recorded
    expect(runs.get(run.runId)?.status).toBe('succeeded');
    // And no new run starts
    expect(() => runs.start(admin)).toThrow('shutting down');
  });

  it('does not wait for a long run at shutdown beyond its grace', async () => {
    jest.useFakeTimers();
    try {
      // Given a run that does not end
      const { runs } = setUp();
      pending();
      runs.start(admin);
      // When the service shuts down and the grace passes
      const stopped = runs.beforeApplicationShutdown();
      await jest.advanceTimersByTimeAsync(shutdownGraceMs);
      // Then shutdown goes on
      await expect(stopped).resolves.toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });
});
