/**
 * Tamper evidence beyond the database, on the real PostgreSQL: a database owner who rewrites a
 * stream and recomputes its hash chain passes the chain check, but not the Ed25519-signed
 * checkpoints taken before (the key is in a file the database never sees); an edited checkpoint
 * file is named too.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integrityCheckpointSignedV1, validatePayload } from '@sa/contracts';
import { canonicalJson, computeEventHash, createPostgresEventStore, type PostgresEventStore } from '@sa/event-store';
import { integrationEnv } from '@sa/testing';
import { verifyStores } from '../integrity/store-verifier';
import { SourceStores } from '../sources/source-stores';
import { createSourceSchemas, type SourceSchemas } from '../test-support/source-schemas';
import { checkpointStreamPrefix } from './checkpointer';
import { Checkpoints } from './checkpoints';
import { statementSignatureValid, type SignedStatement } from './signed-checkpoint';
import { createPublicKey } from 'node:crypto';

const actor = { userId: 'li.na', role: 'township-reviewer', orgUnit: '331002001' };

describe('signed checkpoints of the hash chains (real PostgreSQL)', () => {
  let schemas: SourceSchemas;
  let sources: SourceStores;
  let auditStore: PostgresEventStore;
  const dir = mkdtempSync(join(tmpdir(), 'checkpoints-'));
  const keyFile = join(dir, 'checkpoint-key.pem');
  const checkpointFile = join(dir, 'checkpoints.jsonl');

  beforeAll(async () => {
    schemas = await createSourceSchemas(integrationEnv().databaseUrl);
    sources = SourceStores.open({
      databaseUrl: integrationEnv().databaseUrl,
      sources: Object.entries(schemas.schemas).map(([name, schema]) => ({ name, schema })),
    });
    writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    auditStore = createPostgresEventStore({
      connectionString: integrationEnv().databaseUrl,
      schema: `${schemas.schemas.approval}_audit`,
      sourceSystem: 'audit',
      poolSize: 1,
    });
    await auditStore.migrate();
  });

  afterAll(async () => {
    await auditStore?.pool.query(`drop schema if exists "${schemas.schemas.approval}_audit" cascade`);
    await auditStore?.close();
    await sources?.close();
    await schemas?.drop();
  });

  /**
   * Appends and waits until the event is below the store's safe horizon, which checkpoints (like
   * every reader of the global log) never pass: the horizon is cluster-wide, so another test's open
   * transaction holds it back for a moment.
   */
  async function append(stream: string, type: string, data: Record<string, unknown>): Promise<void> {
    const store = schemas.stores.approval;
    const { position } = await store.appendToStream(stream, [{ eventId: randomUUID(), type, data, actor, occurredAt: new Date().toISOString() }], {
      expectedRevision: 'any',
    });
    const deadline = Date.now() + 30_000;
    while ((await store.deliveryHealth()).horizon < position && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** What a database owner can do: change an event and recompute every hash after it, and the stream's recorded head. */
  async function rewriteWithRecomputedHashes(stream: string, revision: number, data: Record<string, unknown>): Promise<void> {
    const store = schemas.stores.approval;
    const q = `"${schemas.schemas.approval}"`;
    const events = await store.readStream(stream);
    let prevHash = events[revision - 1]?.hash ?? '0'.repeat(64);
    const client = await store.pool.connect();
    try {
      await client.query(`alter table ${q}.events disable trigger events_immutable`);
      for (const event of events.slice(revision)) {
        const changed = { ...event, data: event.revision === revision ? data : event.data, prevHash };
        const hash = computeEventHash(changed);
        await client.query(`update ${q}.events set data = $3, prev_hash = $4, hash = $5 where stream_id = $1 and revision = $2`, [
          stream,
          event.revision,
          canonicalJson(changed.data),
          prevHash,
          hash,
        ]);
        await client.query(`update ${q}.streams set last_hash = $2 where stream_id = $1 and revision = $3`, [stream, hash, event.revision]);
        prevHash = hash;
      }
      await client.query(`alter table ${q}.events enable trigger events_immutable`);
    } finally {
      client.release();
    }
  }

  it('names a stream rewritten with recomputed hashes, which the chains alone cannot see, and an edited checkpoint', async () => {
    // Given a case whose review recommended refusal, and a checkpoint signed after it
    const stream = `case-${randomUUID()}`;
    await append(stream, 'CaseOpened', { applicationId: stream });
    await append(stream, 'TownshipReviewCompleted', { recommendation: 'reject' });
    await append(stream, 'CaseRejected', { reason: 'income above the line' });
    const checkpoints = Checkpoints.fromConfig(
      { AUDIT_CHECKPOINT_KEY_FILE: keyFile, AUDIT_CHECKPOINT_FILE: checkpointFile, AUDIT_SCAN_PAGE_SIZE: 100 },
      sources,
      auditStore,
    );
    const taken = await checkpoints?.checkpointer?.takeAll(new Date());
    expect(taken).toEqual([{ source: 'approval', position: expect.any(Number), heads: 1 }]);

    // And later events, checkpointed again: only the stream that changed, chained to the first checkpoint
    const other = `case-${randomUUID()}`;
    await append(other, 'CaseOpened', { applicationId: other });
    const next = await checkpoints?.checkpointer?.takeAll(new Date());
    expect(next).toEqual([{ source: 'approval', position: expect.any(Number), heads: 1 }]);
    expect(next?.[0]?.position).toBeGreaterThan(taken?.[0]?.position as number);
    // (nothing new: no checkpoint)
    expect(await checkpoints?.checkpointer?.takeAll(new Date())).toEqual([]);
    // And each signed statement is in the audit's store for its relay to publish: a valid contract payload whose signature verifies
    const published = await auditStore.readStream(`${checkpointStreamPrefix}approval`);
    expect(published.map((e) => e.type)).toEqual(['CheckpointSigned', 'CheckpointSigned']);
    const publicKey = createPublicKey(readFileSync(keyFile));
    for (const event of published) {
      expect(validatePayload(integrityCheckpointSignedV1, event.data).ok).toBe(true);
      expect(statementSignatureValid(event.data as SignedStatement, publicKey)).toBe(true);
    }

    // When the database owner rewrites the review to "approve" and recomputes the chain after it
    await rewriteWithRecomputedHashes(stream, 1, { recommendation: 'approve' });

    // Then the chains alone look whole
    const chains = await verifyStores(sources, { pageSize: 100, workers: 1 });
    expect(chains.ok).toBe(true);
    // But against the signed checkpoints the stream is named, at the checkpointed revision
    const verified = await checkpoints?.verified(chains);
    expect(verified?.ok).toBe(false);
    expect(verified?.breaks).toEqual([{ source: 'approval', stream, revision: 2, eventId: expect.any(String), reason: 'checkpoint-mismatch' }]);

    // And when the owner also edits the checkpoint file to the new hash, the signature gives it away
    const lines = readFileSync(checkpointFile, 'utf8').trim().split('\n');
    const [first] = lines;
    const forged = JSON.parse(first as string) as { heads: { hash: string }[] };
    forged.heads[0] = { ...forged.heads[0], hash: (await schemas.stores.approval.readStream(stream))[2]?.hash as string };
    writeFileSync(checkpointFile, [JSON.stringify(forged), ...lines.slice(1)].join('\n') + '\n');
    const again = await checkpoints?.verified(chains);
    expect(again?.breaks).toEqual(
      expect.arrayContaining([expect.objectContaining({ source: 'approval', stream: 'checkpoint file line 1', reason: 'checkpoint-invalid' })]),
    );
  });
});
