/**
 * Payment feedback written for many entitlements at once (real PostgreSQL event store and entitlement
 * table): each entitlement gets what its own decider decides on the table's state — recorded, or
 * recorded and flagged for recovery after a death — and an entitlement whose stream moved past its
 * row is left to the one-by-one path; recording again appends nothing.
 */
import { entitlementDecider, instructionsOf, type EntitlementEvent, type EntitlementState, type PaymentInstructionsIssued } from '@sa/domain-payments';
import { createPostgresEventStore, type PostgresEventStore } from '@sa/event-store';
import { createTestSchema, integrationEnv, type TestSchema } from '@sa/testing-infra';
import { randomUUID } from 'node:crypto';
import { paymentsSystem } from '../streams';
import { seededGrant } from '../tests/payroll-seed';
import { EntitlementTable } from './entitlement-table';
import { BatchedPaymentFeedback, type Issued } from './payment-feedback-batch';

const region = '331002001001';
const actor = paymentsSystem(region);

describe('payment feedback in one write for many entitlements (real PostgreSQL)', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let table: EntitlementTable;
  const grants = [0, 1, 2].map((i) => seededGrant(i, { count: 3, seed: randomUUID() }));
  const [alive, dead, moved] = grants as [(typeof grants)[0], (typeof grants)[0], (typeof grants)[0]];

  const fold = async (stream: string) => {
    const history = await store.readStream(stream);
    const state = history.reduce<EntitlementState>((s, e) => entitlementDecider.evolve(s, e as unknown as EntitlementEvent), entitlementDecider.initialState);
    return { state, revision: (history.at(-1)?.revision ?? -1) as number };
  };
  const writeRows = async (which: typeof grants) => {
    const rows = [];
    for (const g of which) {
      const { state, revision } = await fold(g.stream);
      if (state.status === 'granted') rows.push({ entitlementId: g.entitlementId, revision, state });
    }
    await table.write(rows, 1);
  };
  const reportDeath = async (g: (typeof grants)[0], dateOfDeath: string) => {
    const { state, revision } = await fold(g.stream);
    const command = { type: 'ReportDeath', entitlementId: g.entitlementId, dateOfDeath, reportedBy: actor, reportedAt: '2025-03-02T10:00:00+08:00' } as const;
    const decision = entitlementDecider.decide(command, state);
    if (!decision.ok) throw new Error(decision.rejection.message);
    await store.appendToStream(
      g.stream,
      decision.events.map((e) => ({ ...e, actor })),
      { expectedRevision: revision },
    );
  };
  const typesOf = async (g: (typeof grants)[0]) => (await store.readStream(g.stream)).map((e) => e.type);

  beforeAll(async () => {
    schema = await createTestSchema(integrationEnv().databaseUrl, 'pay_feedback');
    store = createPostgresEventStore({ pool: schema.pool, schema: schema.name, sourceSystem: 'payments' });
    await store.migrate();
    table = new EntitlementTable(schema.pool, schema.name);
    await table.ensure();
    for (const g of grants) await store.appendToStream(g.stream, [{ type: 'EntitlementGranted', data: g.data, actor }], { expectedRevision: 'no_stream' });
  });
  afterAll(() => schema.drop());

  it('given one entitlement alive, one dead in February, one whose stream moved past its row, when March is recorded, then each gets what its decider says or is left', async () => {
    // Given
    await reportDeath(dead, '2025-02-10');
    await writeRows(grants);
    await reportDeath(moved, '2025-02-20'); // after its row was written: the table is behind this stream
    await store.appendToStream(
      'payroll-march',
      [
        {
          type: 'PaymentInstructionsIssued',
          data: {
            payrollId: randomUUID(),
            batch: 0,
            month: '2025-03',
            issuedAt: '2025-03-05T09:00:00+08:00',
            instructions: grants.map((g) => ({
              instructionId: randomUUID(),
              entitlementId: g.entitlementId,
              applicationId: g.data.applicationId,
              programme: 'dibao',
              region,
              amountFen: g.data.monthlyAmountFen,
              payee: g.data.payee,
              reference: '低保金2025-03',
            })),
          },
          actor,
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const [recorded] = await store.readStream('payroll-march');
    const issued = instructionsOf(recorded as unknown as PaymentInstructionsIssued);
    const lists: Issued[][] = issued.map((i) => [{ issued: i, recorded: recorded as NonNullable<typeof recorded> }]);
    const feedback = new BatchedPaymentFeedback(store, table);

    // When
    const first = await feedback.record(lists, '2025-03-05T10:00:00+08:00');

    // Then
    expect(first.left.map((l) => l[0]?.issued.entitlementId)).toEqual([moved.entitlementId]);
    expect(first.position).toBeGreaterThan(recorded?.position ?? Infinity);
    expect(await typesOf(alive)).toEqual(['EntitlementGranted', 'EntitlementPaymentRecorded']);
    expect(await typesOf(dead)).toEqual([
      'EntitlementGranted',
      'DeathReported',
      'EntitlementStopped',
      'EntitlementPaymentRecorded',
      'PaymentFlaggedForRecovery',
    ]);
    expect(await typesOf(moved)).toEqual(['EntitlementGranted', 'DeathReported', 'EntitlementStopped']);
    const [, paid] = await store.readStream(alive.stream);
    expect(paid).toMatchObject({ causationId: recorded?.eventId, correlationId: recorded?.correlationId, data: { instructionId: issued[0]?.instructionId } });
    for (const g of grants) expect(await store.verifyStream(g.stream)).toMatchObject({ ok: true });

    // And, the table caught up, recording the same again appends nothing
    await writeRows(grants);
    const again = await feedback.record(lists.slice(0, 2), '2025-03-05T11:00:00+08:00');
    expect(again).toEqual({ left: [] });
    expect(await typesOf(alive)).toEqual(['EntitlementGranted', 'EntitlementPaymentRecorded']);
  });
});
