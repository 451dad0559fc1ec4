/**
 * Issue #10, item 6: county data feeds get the contracts' money bounds. A wage record above the
 * ceiling (here the issue's 2^53 − 1 fen) is answered with a NACK naming the field and the rule,
 * and never reaches the register, so no check can sum it.
 */
import { randomUUID } from 'node:crypto';
import { countyDataReceiptV1, receiptsTopicV1, wageRecordV1 } from '@sa/contracts';
import type { TopicRecord } from '@sa/testing';
import { residentId, VerificationHarness } from '../test-support/verification-harness';

type Receipt = ReturnType<typeof countyDataReceiptV1.schema.parse>;

describe('verification: county money out of bounds is NACKed (real Kafka, PostgreSQL event store)', () => {
  const harness = new VerificationHarness();

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  const receiptsFor = (records: readonly TopicRecord[], messageId: string): Receipt[] =>
    records.filter((r) => r.key === messageId).map((r) => countyDataReceiptV1.schema.parse(JSON.parse(r.value)));

  it('NACKs a wage above 10,000,000 fen a month with SCHEMA_VIOLATION naming monthlyWageFen and its ceiling; the ceiling itself is ACKed', async () => {
    // given two wage records from HRSS: one at the ceiling, one of 2^53 − 1 fen
    const resident = residentId();
    const atCeiling = { messageId: `rs-gz-${randomUUID()}`, residentId: resident, employer: '台州某鞋厂', monthlyWageFen: 10_000_000, month: '2025-02' };
    const overflowing = { ...atCeiling, messageId: `rs-gz-${randomUUID()}`, monthlyWageFen: Number.MAX_SAFE_INTEGER };

    // when the county sends them
    await harness.county(wageRecordV1, atCeiling);
    await harness.county(wageRecordV1, overflowing);

    // then the one at the ceiling is ACKed and the other NACKed, naming the field and the rule (never the value)
    const records = await harness.read(
      receiptsTopicV1,
      (rs) => receiptsFor(rs, atCeiling.messageId).length > 0 && receiptsFor(rs, overflowing.messageId).length > 0,
    );
    expect(receiptsFor(records, atCeiling.messageId)[0]).toMatchObject({ status: 'ACK' });
    const [nack] = receiptsFor(records, overflowing.messageId);
    expect(nack).toMatchObject({ status: 'NACK', reasonCode: 'SCHEMA_VIOLATION', problems: [{ field: 'monthlyWageFen' }] });
    expect(nack?.problems?.[0]?.rule).toMatch(/at most 10000000 fen \(100000\.00 yuan\) a month/);
    expect(JSON.stringify(nack)).not.toContain(String(Number.MAX_SAFE_INTEGER));
  });
});
