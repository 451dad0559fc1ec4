import { countyDataReceiptV1, residentDeathV1, validatePayload } from '@sa/contracts';
import { toRawHeaders } from '../kafka/client-options';
import { groupInstanceIdOf, groupMembership } from '../kafka/group-membership';
import { deadLetterRecord } from './dead-letter-record';
import { laneHash, OrderedLanes } from './ordered-lanes';
import { PartitionProgress } from './partition-progress';
import { receiptRecord, receiptStatusOf } from './receipts';

describe('PartitionProgress', () => {
  it('commits up to the lowest offset still in flight, then past the highest finished', () => {
    const progress = new PartitionProgress();
    expect(progress.commitable()).toBeUndefined();
    progress.begin(10n);
    progress.begin(11n);
    progress.begin(12n);
    progress.finish(12n);
    progress.finish(11n);
    expect(progress.commitable()).toBe(10n); // 10 is still running: nothing below it may be skipped
    progress.finish(10n);
    expect(progress.commitable()).toBe(13n);
    expect(progress.highestDispatched).toBe(12n);
  });
});

describe('OrderedLanes', () => {
  it('runs one lane in order and different lanes side by side', async () => {
    const lanes = new OrderedLanes();
    const log: string[] = [];
    let releaseFirst!: () => void;
    const first = new Promise<void>((resolve) => (releaseFirst = resolve));
    const a1 = lanes.run('a', async () => {
      await first;
      log.push('a1');
    });
    const a2 = lanes.run('a', async () => {
      log.push('a2');
    });
    await lanes.run('b', async () => {
      log.push('b1');
    });
    expect(log).toEqual(['b1']); // b did not wait for a
    releaseFirst();
    await Promise.all([a1, a2]);
    expect(log).toEqual(['b1', 'a1', 'a2']);
    await new Promise((resolve) => setImmediate(resolve)); // the lanes forget themselves once their last task settled
    expect(lanes.size).toBe(0);
  });

  it('keeps a lane going after a task fails', async () => {
    const lanes = new OrderedLanes();
    await expect(lanes.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lanes.run('a', async () => undefined)).resolves.toBeUndefined();
  });

  it('hashes a key to the same lane every time', () => {
    expect(laneHash('330102195806120026')).toBe(laneHash('330102195806120026'));
    expect(laneHash('a')).not.toBe(laneHash('b'));
  });
});

describe('dead-letter records', () => {
  it('keep the original key, value and headers and add why, where from and when', () => {
    const original = {
      topic: 'sa.intake.applications.v1',
      partition: 2,
      offset: 41n,
      key: Buffer.from('k-1'),
      value: Buffer.from('{not json'),
      headers: toRawHeaders({ ce_id: 'e-1', ce_type: 'sa.intake.application-withdrawn', dlq_reason: 'old-reason' }),
    };
    const record = deadLetterRecord(original, {
      reason: 'malformed-json',
      error: '(value) must be valid JSON (UTF-8)',
      attempts: 0,
      failedAt: new Date('2025-05-01T00:00:00Z'),
      consumer: 'verification',
    });
    expect({ topic: record.topic, key: record.key?.toString(), value: record.value?.toString() }).toEqual({
      topic: 'sa.intake.applications.v1.dlq',
      key: 'k-1',
      value: '{not json',
    });
    expect(Object.fromEntries([...record.headers].map(([k, v]) => [k.toString(), v.toString()]))).toEqual({
      ce_id: 'e-1',
      ce_type: 'sa.intake.application-withdrawn',
      dlq_reason: 'malformed-json',
      dlq_error: '(value) must be valid JSON (UTF-8)',
      dlq_original_topic: 'sa.intake.applications.v1',
      dlq_original_partition: '2',
      dlq_original_offset: '41',
      dlq_failed_at: '2025-05-01T00:00:00.000Z',
      dlq_attempts: '0',
      dlq_consumer: 'verification',
    });
  });

  it('keep a missing key missing', () => {
    const record = deadLetterRecord(
      { topic: 't.x.y.v1', partition: 0, offset: 0n, key: null, value: null, headers: new Map() },
      { reason: 'invalid-headers', error: 'x', attempts: 0, failedAt: new Date(), consumer: 'c' },
    );
    expect({ key: record.key, value: record.value }).toEqual({ key: undefined, value: undefined });
  });
});

describe('receipts', () => {
  it('ACK a handled message, ACK DUPLICATE a repeat, NACK poison with the matching reason code', () => {
    expect(receiptStatusOf({ kind: 'handled' })).toEqual({ status: 'ACK' });
    expect(receiptStatusOf({ kind: 'duplicate' })).toEqual({ status: 'ACK', reasonCode: 'DUPLICATE' });
    const nack = (reason: 'schema-violation' | 'unknown-type' | 'malformed-json' | 'retries-exhausted', field = 'dateOfDeath') =>
      receiptStatusOf({ kind: 'dead-lettered', reason, problems: [{ field, rule: 'x' }], error: 'x' });
    expect(nack('schema-violation', 'residentId')).toEqual({ status: 'NACK', reasonCode: 'INVALID_RESIDENT_ID' });
    expect(nack('schema-violation')).toEqual({ status: 'NACK', reasonCode: 'SCHEMA_VIOLATION' });
    expect(nack('malformed-json')).toEqual({ status: 'NACK', reasonCode: 'SCHEMA_VIOLATION' });
    expect(nack('unknown-type')).toEqual({ status: 'NACK', reasonCode: 'UNKNOWN_TYPE' });
    expect(nack('retries-exhausted')).toEqual({ status: 'NACK', reasonCode: 'PROCESSING_FAILED' });
  });

  it('are valid receipt messages keyed by the message id, naming the fields that failed', () => {
    const record = receiptRecord(
      { messageId: 'gaj-1', topic: residentDeathV1.topic, type: residentDeathV1.type, receivedAt: new Date('2025-05-01T00:00:00Z') },
      {
        kind: 'dead-lettered',
        reason: 'schema-violation',
        problems: [{ field: 'residentId', rule: 'has a wrong check character (GB 11643, ISO 7064 MOD 11-2)' }],
        error: 'x',
      },
      { topic: 'sa.county-data.receipts.v1', source: '/sa/verification' },
    );
    const payload = JSON.parse(record.value?.toString() ?? '');
    expect(validatePayload(countyDataReceiptV1, payload).ok).toBe(true);
    expect({ key: record.key?.toString(), payload }).toEqual({
      key: 'gaj-1',
      payload: {
        messageId: 'gaj-1',
        topic: residentDeathV1.topic,
        type: residentDeathV1.type,
        status: 'NACK',
        reasonCode: 'INVALID_RESIDENT_ID',
        reason: 'residentId has a wrong check character (GB 11643, ISO 7064 MOD 11-2)',
        problems: [{ field: 'residentId', rule: 'has a wrong check character (GB 11643, ISO 7064 MOD 11-2)' }],
        receivedAt: '2025-05-01T00:00:00.000Z',
      },
    });
  });
});

describe('groupMembership', () => {
  it('names a static member only when given an instance id, one Kafka accepts', () => {
    expect(groupMembership({})).toEqual({ sessionTimeout: 30_000, rebalanceTimeout: 60_000, heartbeatInterval: 3_000 });
    expect(groupMembership({ groupInstanceId: 'node-1-payments-8083-payments-approvals' })).toMatchObject({
      groupInstanceId: 'node-1-payments-8083-payments-approvals',
    });
    expect(groupMembership({ groupProtocol: 'consumer', groupInstanceId: 'a' })).toEqual({
      groupProtocol: 'consumer',
      rebalanceTimeout: 60_000,
      groupInstanceId: 'a',
    });
    expect(groupInstanceIdOf('区县 host:1', 'payments-approvals')).toBe('___host_1-payments-approvals');
  });
});
