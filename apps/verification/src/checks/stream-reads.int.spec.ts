import type { EventStore } from '@sa/event-store';
import { EVENT_STORE } from '@sa/platform';
import { application, residentId, VerificationHarness } from '../test-support/verification-harness';
import { checkStream } from './check-runner';

/**
 * Issue #11: each command reads its stream once at most. The check's path is four commands
 * (request, collect, assess, complete); each step starts from the state the previous one left.
 * Issue #10: a new application's check is decided on the initial state without reading its (new)
 * stream, and the message's command and the steps after it are appended together (one commit).
 */
describe('verification: stream reads of a check (real PostgreSQL event store, FerretDB read model, Kafka)', () => {
  const harness = new VerificationHarness();
  /** Reads of each stream by the running service, counted on its own event store (the call still goes through). */
  const reads = new Map<string, number>();
  const readsOf = (applicationId: string) => reads.get(checkStream(applicationId)) ?? 0;
  /** Appends to each stream, counted the same way. */
  const appends = new Map<string, number>();
  const appendsOf = (applicationId: string) => appends.get(checkStream(applicationId)) ?? 0;

  beforeAll(async () => {
    await harness.start();
    const store = harness.app.get<EventStore>(EVENT_STORE);
    const readStream = store.readStream.bind(store);
    store.readStream = (stream, ...rest) => {
      reads.set(stream, (reads.get(stream) ?? 0) + 1);
      return readStream(stream, ...rest);
    };
    const appendToStream = store.appendToStream.bind(store);
    store.appendToStream = (stream, ...rest) => {
      appends.set(stream, (appends.get(stream) ?? 0) + 1);
      return appendToStream(stream, ...rest);
    };
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('reads no check stream and appends once for the four commands that take an application to a completed check', async () => {
    // Given an application of a household of two
    const submitted = application([residentId(), residentId()]);

    // When intake publishes it and verification completes its check
    await harness.submit(submitted);
    const [check] = await harness.publishedChecks(submitted.applicationId);
    expect(check?.applicationId).toBe(submitted.applicationId);

    // Then the service never read the new stream (before issue #11: 9 times, before #10: once) and appended once (before #10: 4 times), and it holds the four events
    expect(readsOf(submitted.applicationId)).toBe(0);
    expect(appendsOf(submitted.applicationId)).toBe(1);
    const history = await harness.app.get<EventStore>(EVENT_STORE).readStream(checkStream(submitted.applicationId));
    expect(history.map((e) => e.type)).toEqual(['CheckRequested', 'DepartmentDataCollected', 'HouseholdEconomicStatusAssessed', 'CheckCompleted']);
  });

  it("reads the check stream once for an investigator's re-check and the three steps that complete it", async () => {
    // Given a completed check
    const submitted = application([residentId(), residentId()]);
    await harness.submit(submitted);
    await harness.publishedChecks(submitted.applicationId);
    const before = readsOf(submitted.applicationId);

    // When the investigator asks for a re-check
    const res = await harness.post(`/checks/${submitted.applicationId}/recheck`, { reason: '民政新登记信息' });

    // Then the new round completes, reading the stream once (the code before issue #11: 8 times)
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('completed');
    expect(readsOf(submitted.applicationId) - before).toBe(1);
  });
});
