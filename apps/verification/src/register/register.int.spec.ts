import { randomUUID } from 'node:crypto';
import { countyDataReceiptV1, receiptsTopicV1, vehicleRegistrationV1, wageRecordV1 } from '@sa/contracts';
import type { TopicRecord } from '@sa/testing';
import { residentId, token, VerificationHarness, withWrongCheckCharacter } from '../test-support/verification-harness';

type Receipt = ReturnType<typeof countyDataReceiptV1.schema.parse>;

describe('verification: the resident register and its receipts (real Kafka, PostgreSQL event store)', () => {
  const harness = new VerificationHarness();

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  const receiptsFor = (records: readonly TopicRecord[], messageId: string): Receipt[] =>
    records.filter((r) => r.key === messageId).map((r) => countyDataReceiptV1.schema.parse(JSON.parse(r.value)));

  it('answers a message with a bad resident ID with a NACK naming the reason, and parks it on the dead-letter topic', async () => {
    // Given a vehicle registration whose resident ID has a wrong check character
    const messageId = `gaj-vh-${randomUUID()}`;
    const bad = withWrongCheckCharacter(residentId());

    // When public security sends it
    await harness.county(vehicleRegistrationV1, {
      messageId,
      residentId: bad,
      plateNumber: '浙J·B5678',
      vehicleType: '小型普通客车',
      registeredOn: '2021-05-01',
    });

    // Then the receipt is a NACK with INVALID_RESIDENT_ID naming the field (never its value)
    const receipts = await harness.read(receiptsTopicV1, (rs) => receiptsFor(rs, messageId).length > 0);
    const [receipt] = receiptsFor(receipts, messageId);
    expect(receipt).toMatchObject({
      status: 'NACK',
      reasonCode: 'INVALID_RESIDENT_ID',
      topic: harness.topic(vehicleRegistrationV1.topic),
      problems: [{ field: 'residentId' }],
    });
    expect(JSON.stringify(receipt)).not.toContain(bad);

    // And the message, byte for byte, is on the topic's dead-letter topic with the reason
    const dead = await harness.read(`${vehicleRegistrationV1.topic}.dlq`, (rs) => rs.some((r) => r.headers.get('ce_id') === messageId));
    const parked = dead.find((r) => r.headers.get('ce_id') === messageId);
    expect(parked?.headers.get('dlq_reason')).toBe('schema-violation');
    expect(JSON.parse(parked?.value ?? '{}')).toMatchObject({ messageId, residentId: bad });
  });

  it('files a redelivered message once: ACK, then ACK DUPLICATE, and one fact in the register', async () => {
    // Given a wage record from human resources and social security
    const resident = residentId();
    const messageId = `rs-gz-${randomUUID()}`;
    const wage = { messageId, residentId: resident, employer: '台州某鞋厂', monthlyWageFen: 150_000, month: '2026-09' };

    // When it is sent, and sent again with the same message id
    await harness.county(wageRecordV1, wage);
    await harness.read(receiptsTopicV1, (rs) => receiptsFor(rs, messageId).length === 1);
    await harness.county(wageRecordV1, wage);

    // Then the first is acknowledged and the second acknowledged as a duplicate with no second effect
    const receipts = await harness.read(receiptsTopicV1, (rs) => receiptsFor(rs, messageId).length === 2);
    expect(receiptsFor(receipts, messageId).map((r) => [r.status, r.reasonCode])).toEqual([
      ['ACK', undefined],
      ['ACK', 'DUPLICATE'],
    ]);
    const res = await harness.get(`/residents/${resident}/records`);
    expect(res.status).toBe(200);
    const records = (await res.json()) as {
      wages: { monthlyWageFen: number; month: string }[];
      facts: { type: string; source: string; messageId: string; reportedBy: string }[];
    };
    expect(records.wages).toEqual([expect.objectContaining({ monthlyWageFen: 150_000, month: '2026-09', messageId })]);
    expect(records.facts).toEqual([expect.objectContaining({ type: 'WageRecordReported', source: 'hrss', messageId, reportedBy: '/county/331002/hrss' })]);
  });

  it('shows a resident’s records to investigators and auditors of the jurisdiction only, and names a bad ID', async () => {
    const resident = residentId();
    expect((await harness.get(`/residents/${resident}/records`, token('auditor', '331000'))).status).toBe(200);
    expect((await harness.get(`/residents/${resident}/records`, token('investigator', '330102'))).status).toBe(403);
    expect((await harness.get(`/residents/${resident}/records`, token('township-reviewer'))).status).toBe(403);
    const bad = await harness.get(`/residents/${withWrongCheckCharacter(resident)}/records`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^residentId: .*check character/);
  });
});
