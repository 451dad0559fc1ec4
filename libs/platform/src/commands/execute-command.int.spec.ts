import { randomUUID } from 'node:crypto';
import { accept, type Decider, reject } from '@sa/domain-shared';
import { createPostgresEventStore, type EventStore } from '@sa/event-store';
import { createTestSchema, integrationEnv, type TestSchema } from '@sa/testing-infra';
import { CommandRejectedError } from '../http/domain-errors.filter';
import { executeCommand } from './execute-command';

type Opened = { type: 'Opened'; data: { by: string } };
/** A minimal aggregate: it can be opened once. */
const folder: Decider<{ by: string }, Opened, { opened: boolean }> = {
  initialState: { opened: false },
  decide: (command, state) =>
    state.opened
      ? reject({ code: 'ALREADY_OPENED', kind: 'conflict', message: 'the folder is open already' })
      : accept({ type: 'Opened', data: { by: command.by } }),
  evolve: () => ({ opened: true }),
};
type Counted = { type: 'Counted'; data: { total: number } };
/** A tally: each command counts one more, and the event says the total it decided on. */
const tally: Decider<Record<string, never>, Counted, { total: number }> = {
  initialState: { total: 0 },
  decide: (_command, state) => accept({ type: 'Counted', data: { total: state.total + 1 } }),
  evolve: (_state, event) => ({ total: event.data.total }),
};
const context = { actor: { userId: 'u', role: 'intake-worker', orgUnit: '331002001' } };

describe('executeCommand on a stream expected to be new (real PostgreSQL event store)', () => {
  let schema: TestSchema;
  let store: ReturnType<typeof createPostgresEventStore>;
  let reads: number;
  /** The real store, counting the stream reads the command handler makes. */
  let observed: EventStore;

  beforeAll(async () => {
    schema = await createTestSchema(integrationEnv().databaseUrl, 'execute_command');
    store = createPostgresEventStore({ pool: schema.pool, schema: schema.name, sourceSystem: 'test' });
    await store.migrate();
    observed = new Proxy(store, {
      get: (target, property, receiver) => {
        if (property === 'readStream') reads += 1;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
  });
  beforeEach(() => {
    reads = 0;
  });
  afterAll(async () => {
    await store?.close();
    await schema?.drop();
  });

  it('appends the first events without reading the stream', async () => {
    // Given a fresh stream id
    const stream = `folder-${randomUUID()}`;

    // When a command that creates the aggregate runs, expecting the stream to be new
    const outcome = await executeCommand(observed, stream, folder, { by: 'a' }, context, { expectNewStream: true });

    // Then it is appended as revision 0, and the stream was never read
    expect(outcome.state).toEqual({ opened: true });
    expect((await store.readStream(stream)).map((e) => [e.revision, e.type])).toEqual([[0, 'Opened']]);
    expect(reads).toBe(0);
  });

  it('decides on the history when the stream exists after all, appending nothing twice', async () => {
    // Given a stream that already holds the aggregate's first event
    const stream = `folder-${randomUUID()}`;
    await executeCommand(store, stream, folder, { by: 'a' }, context);

    // When the same creating command runs again, expecting a new stream
    const again = executeCommand(observed, stream, folder, { by: 'b' }, context, { expectNewStream: true, maxAttempts: 1 });

    // Then the append's no_stream check fails, the retry reads the history and the decider refuses
    await expect(again).rejects.toThrow(CommandRejectedError);
    await expect(again).rejects.toMatchObject({ rejection: { code: 'ALREADY_OPENED' } });
    expect(reads).toBeGreaterThanOrEqual(1);
    expect((await store.readStream(stream)).map((e) => e.data)).toEqual([{ by: 'a' }]);
  });
});

describe('executeCommand from the state the caller folded already (real PostgreSQL event store)', () => {
  let schema: TestSchema;
  let store: ReturnType<typeof createPostgresEventStore>;
  let reads: number;
  let observed: EventStore;

  beforeAll(async () => {
    schema = await createTestSchema(integrationEnv().databaseUrl, 'execute_command_from');
    store = createPostgresEventStore({ pool: schema.pool, schema: schema.name, sourceSystem: 'test' });
    await store.migrate();
    observed = new Proxy(store, {
      get: (target, property, receiver) => {
        if (property === 'readStream') reads += 1;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
  });
  beforeEach(() => {
    reads = 0;
  });
  afterAll(async () => {
    await store?.close();
    await schema?.drop();
  });

  it("decides on the previous command's outcome without reading the stream", async () => {
    // Given a tally counted once, and the outcome that command returned
    const stream = `tally-${randomUUID()}`;
    const first = await executeCommand(observed, stream, tally, {}, context);
    expect(first.revision).toBe(0);
    reads = 0;

    // When the next command starts from that outcome
    const second = await executeCommand(observed, stream, tally, {}, context, { from: { state: first.state, revision: 0 } });

    // Then it is appended at revision 1 on the right total, and the stream was not read
    expect(second).toMatchObject({ state: { total: 2 }, revision: 1 });
    expect(reads).toBe(0);
    expect((await store.readStream(stream)).map((e) => e.data)).toEqual([{ total: 1 }, { total: 2 }]);
  });

  it('decides again on the history when another writer appended after the state the caller holds', async () => {
    // Given a tally counted once, whose outcome the caller keeps, then counted again by another writer
    const stream = `tally-${randomUUID()}`;
    const first = await executeCommand(store, stream, tally, {}, context);
    await executeCommand(store, stream, tally, {}, context);

    // When the caller's next command starts from its stale state
    const next = await executeCommand(observed, stream, tally, {}, context, { from: { state: first.state, revision: 0 }, maxAttempts: 1 });

    // Then the append refuses, the command runs again on the history, and nothing is counted twice
    expect(next).toMatchObject({ state: { total: 3 }, revision: 2 });
    expect(reads).toBe(1);
    expect((await store.readStream(stream)).map((e) => e.data)).toEqual([{ total: 1 }, { total: 2 }, { total: 3 }]);
  });
});
