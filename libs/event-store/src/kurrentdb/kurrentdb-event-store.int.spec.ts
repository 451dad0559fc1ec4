/**
 * The conformance suite against a real KurrentDB (or EventStoreDB 22.6 or later), e.g.
 *   KURRENTDB_URL=esdb://localhost:2113?tls=false npx jest -c libs/event-store/jest.config.js kurrentdb
 * Without KURRENTDB_URL this file registers one skipped test and says so.
 */
import { randomUUID } from 'node:crypto';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { describeEventStoreConformance } from '../conformance/conformance-suite';
import type { Actor } from '../port/event-store';
import { BACKWARDS, END, metastreamOf, readStreamEvents } from './client';
import { appendForgedCopy } from './forge';
import { createKurrentDbEventStore, kurrentDbPortMetadataKey, type KurrentDbEventStore } from './kurrentdb-event-store';

const url = process.env['KURRENTDB_URL'];
const skipped = 'KurrentDB conformance skipped: KURRENTDB_URL is not set';

if (!url) {
  console.warn(skipped);
  it.skip(skipped, () => undefined);
} else {
  const open = () => createKurrentDbEventStore({ connectionString: url, sourceSystem: 'conformance' });

  describeEventStoreConformance('KurrentDB', async () => {
    const store = open();
    const raw = KurrentDBClient.connectionString(url);
    const others: KurrentDbEventStore[] = [];
    return {
      store,
      async openAnother() {
        const other = open();
        others.push(other);
        return other;
      },
      // Events are immutable in KurrentDB: a forger appends a copy with the raw client instead.
      tamper: (stream, revision, data) => appendForgedCopy(raw, stream, revision, data),
      async cleanup() {
        await Promise.all(others.map((o) => o.close().catch(() => undefined)));
        await store.close();
        await raw.dispose();
      },
    };
  });

  describe('KurrentDB event store specifics', () => {
    const actor: Actor = { userId: 'u-specifics', role: 'auditor', orgUnit: '331002' };
    let store: KurrentDbEventStore;
    let raw: KurrentDBClient;

    beforeAll(() => {
      store = open();
      raw = KurrentDBClient.connectionString(url);
    });

    afterAll(async () => {
      await store.close();
      await raw.dispose();
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('soft-deletes in metadata only: no $tb, and the events stay readable through the raw client', async () => {
      const stream = `case-${randomUUID()}`;
      await store.appendToStream(stream, [{ type: 'Opened', data: {}, actor }], {
        expectedRevision: 'no_stream',
      });
      await store.softDeleteStream(stream, actor, 'duplicate');
      const [metadata] = await readStreamEvents(raw, metastreamOf(stream), {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      });
      expect(metadata?.data).toMatchObject({
        [kurrentDbPortMetadataKey]: { deleted: { reason: 'duplicate' } },
      });
      expect(Object.keys(metadata?.data as object)).not.toContain('$tb');
      expect(await readStreamEvents(raw, stream, {})).toHaveLength(1);
    });

    it('keeps inbox markers out of readAll', async () => {
      const handledMessage = { consumer: 'specifics', messageId: randomUUID() };
      const stream = `case-${randomUUID()}`;
      const written = await store.appendToStream(stream, [{ type: 'Opened', data: {}, actor }], {
        expectedRevision: 'no_stream',
        handledMessage,
      });
      const after = await store.readAll({ fromPosition: written.position, maxCount: 1000 });
      expect(after.some((e) => e.stream.startsWith('inbox-'))).toBe(false);
      expect(after[0]?.stream).toBe(stream);
    });
  });
}
