/**
 * Every approval command reads the case's stream once (issue #11): the decider decides who may act
 * and where on the state that one read folds, so no command loads the case to check first.
 */
import { randomUUID } from 'node:crypto';
import { caseDecider } from '@sa/domain-approval';
import { createPostgresEventStore, type EventStore } from '@sa/event-store';
import { AdjustableClock, type AuthenticatedActor, CommandRejectedError, executeCommand, RegionalPolicies } from '@sa/platform';
import { createTestSchema, integrationEnv, type TestSchema } from '@sa/testing-infra';
import { application, economicCheck } from '../test-support/case-inputs';
import { CaseCommands } from './case-commands';
import { caseStream } from './case-stream';
import { approvalSystemActor, receiveApplication, recordEconomicCheck } from './inbound-commands';

const reviewer: AuthenticatedActor = { userId: 'li.ming', role: 'township-reviewer', orgUnit: '331002001' };
const county: AuthenticatedActor = { userId: 'zhao.gang', role: 'county-approver', orgUnit: '331002' };
const otherCounty: AuthenticatedActor = { userId: 'qian.li', role: 'county-approver', orgUnit: '330102' };

describe('approval commands read the case once (real PostgreSQL event store)', () => {
  let schema: TestSchema;
  let store: ReturnType<typeof createPostgresEventStore>;
  let reads: number;
  let commands: CaseCommands;
  const clock = new AdjustableClock();

  /** A case opened from its application and economic check, as the Kafka consumer opens it. */
  const openCase = async (): Promise<string> => {
    const id = randomUUID();
    const context = { actor: approvalSystemActor('331002001001') };
    await executeCommand(store, caseStream(id), caseDecider, receiveApplication(application(id), '2025-06-03T09:20:00+08:00'), context);
    await executeCommand(store, caseStream(id), caseDecider, recordEconomicCheck(economicCheck(id), '2025-06-05T16:05:00+08:00'), context);
    return id;
  };
  /** The stream reads one command makes. */
  const readsOf = async (command: () => Promise<unknown>): Promise<number> => {
    reads = 0;
    await command();
    return reads;
  };

  beforeAll(async () => {
    schema = await createTestSchema(integrationEnv().databaseUrl, 'approval_one_read');
    store = createPostgresEventStore({ pool: schema.pool, schema: schema.name, sourceSystem: 'approval' });
    await store.migrate();
    // The real store, counting its stream reads.
    const counted: EventStore = new Proxy(store, {
      get: (target, property, receiver) => {
        if (property === 'readStream') reads += 1;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    commands = new CaseCommands(counted, clock, new RegionalPolicies([]));
  });
  afterAll(async () => {
    await store?.close();
    await schema?.drop();
  });

  it('reviews, posts the notice, takes and resolves an objection and confirms, each on one read', async () => {
    // Given an open case awaiting the township's review
    const id = await openCase();
    clock.setNow(new Date('2025-06-10T10:00:00+08:00'));

    // When each step of 审核 → 公示 → 确认 runs
    const perStep = {
      review: await readsOf(() => commands.review(id, { recommendation: 'approve', reasons: [] }, reviewer)),
      notice: await readsOf(() => commands.postPublicNotice(id, {}, reviewer)),
      objection: await readsOf(async () => {
        const { objectionId } = await commands.lodgeObjection(id, { summary: '邻居反映家中有车' }, reviewer);
        await commands.resolveObjection(id, objectionId, { sustained: false, note: '核实为亲属车辆' }, reviewer);
      }),
      confirm: await readsOf(async () => {
        clock.setNow(new Date('2025-06-20T10:00:00+08:00'));
        return commands.confirm(id, { stillInHardship: false }, county);
      }),
    };

    // Then every command read the stream once (the objection step is two commands), and the case is approved
    expect(perStep).toEqual({ review: 1, notice: 1, objection: 2, confirm: 1 });
    expect((await commands.review(id, { recommendation: 'approve', reasons: [] }, reviewer).catch((e: unknown) => e)) as CommandRejectedError).toMatchObject({
      status: 409,
      rejection: { code: 'CASE_ALREADY_DECIDED' },
    });
  });

  it('refuses an actor outside the case region (403) and a case that does not exist (404) on that one read', async () => {
    // Given an open case of 椒江区 and an id no case has
    const id = await openCase();
    const missing = randomUUID();

    // When another county's approver rejects the case, and a reviewer reviews the missing one
    let outside: unknown;
    let absent: unknown;
    const readsOutside = await readsOf(() => commands.reject(id, [{ code: 'other', message: '不属本辖区' }], otherCounty).catch((e: unknown) => (outside = e)));
    const readsAbsent = await readsOf(() => commands.review(missing, { recommendation: 'approve', reasons: [] }, reviewer).catch((e: unknown) => (absent = e)));

    // Then the decider refuses each with its kind, after one read each
    expect(outside).toMatchObject({ status: 403, rejection: { code: 'OUTSIDE_JURISDICTION', kind: 'forbidden' } });
    expect(absent).toMatchObject({ status: 404, rejection: { code: 'CASE_NOT_FOUND', kind: 'not-found' } });
    expect([readsOutside, readsAbsent]).toEqual([1, 1]);
  });
});
