import { integrationEnv, uniqueName } from '@sa/testing-infra';
import mongoose, { type Connection, Schema } from 'mongoose';
import { watchHeartbeats } from './heartbeat-watchdog';

/**
 * The driver's stuck monitor (heartbeat-watchdog.ts) is a race with the server closing a socket; here
 * its trace is produced directly: a heartbeat that starts and never ends, as the driver reports it.
 */
describe('heartbeat watchdog on the real MongoDB-protocol server', () => {
  const url = integrationEnv().mongodbUrl;
  const settings = { dbName: uniqueName('watchdog'), serverSelectionTimeoutMS: 5000 };
  let connection: Connection;
  let stop: () => void = () => undefined;

  beforeEach(async () => {
    connection = await mongoose.createConnection(url, settings).asPromise();
  });

  afterEach(async () => {
    stop();
    await connection.dropDatabase().catch(() => undefined);
    await connection.close(true);
  });

  const reopened = jest.fn(async () => {
    await connection.close();
    await connection.openUri(url, settings);
  });

  const heartbeat = (event: 'serverHeartbeatStarted' | 'serverHeartbeatSucceeded', address: string) =>
    connection.getClient().emit(event, { connectionId: address } as never);

  it('reopens a connection whose heartbeat never ends, and its models answer again', async () => {
    // Given a model on a watched connection
    const Note = connection.model('Note', new Schema({ _id: String, text: String }));
    await Note.create({ _id: 'n1', text: 'before' });
    reopened.mockClear();
    stop = watchHeartbeats(connection, { stuckAfterMs: 300, checkEveryMs: 100, reopen: reopened });
    const before = connection.getClient();

    // When a heartbeat starts and neither succeeds nor fails
    heartbeat('serverHeartbeatStarted', 'stuck.invalid:27017');
    await new Promise((resolve) => setTimeout(resolve, 1500));

    // Then the connection was reopened once, on a new client, and the model reads and writes
    expect(reopened).toHaveBeenCalledTimes(1);
    expect(connection.getClient()).not.toBe(before);
    await Note.updateOne({ _id: 'n1' }, { $set: { text: 'after' } });
    expect(await Note.findById('n1').lean()).toMatchObject({ _id: 'n1', text: 'after' });
  });

  it('leaves a connection alone while its heartbeats end', async () => {
    // Given a watched connection
    reopened.mockClear();
    stop = watchHeartbeats(connection, { stuckAfterMs: 300, checkEveryMs: 100, reopen: reopened });
    const before = connection.getClient();

    // When heartbeats start and succeed, for longer than the stuck bound
    for (let i = 0; i < 8; i++) {
      heartbeat('serverHeartbeatStarted', 'slow.invalid:27017');
      await new Promise((resolve) => setTimeout(resolve, 100));
      heartbeat('serverHeartbeatSucceeded', 'slow.invalid:27017');
    }

    // Then it was never reopened
    expect(reopened).not.toHaveBeenCalled();
    expect(connection.getClient()).toBe(before);
  });
});
