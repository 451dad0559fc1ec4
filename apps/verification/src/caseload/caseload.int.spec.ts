import { randomUUID } from 'node:crypto';
import { entitlementGrantedV1, entitlementStoppedV1 } from '@sa/contracts';
import { eventually } from '@sa/testing';
import { application, residentId, VerificationHarness } from '../test-support/verification-harness';
import { isLiveIn } from './live-benefits';

describe('verification’s caseload from payments’ events (real FerretDB, Kafka)', () => {
  const harness = new VerificationHarness();

  beforeAll(async () => {
    await harness.start({ ALLOW_CLOCK_CONTROL: 'true' });
  }, 120_000);

  afterAll(async () => {
    await harness.stop();
  });

  const liveBenefit = async (resident: string) =>
    ((await (await harness.get(`/residents/${resident}/benefit`)).json()) as { liveBenefit: { programme: string } | null }).liveBenefit;

  it('keeps a stopped benefit in the caseload until the month the stop takes effect', async () => {
    // Given a resident on dibao through an application this service checked, in June 2026
    await harness.setClock('2026-06-10T09:00:00+08:00');
    const resident = residentId();
    const household = application([resident], 0);
    await harness.submit(household);
    await harness.publishedChecks(household.applicationId);
    const entitlementId = randomUUID();
    const granted = { ...entitlementGrantedV1.example, applicationId: household.applicationId, entitlementId, region: '331002001001', startMonth: '2026-04' };
    await harness.publish(entitlementGrantedV1, granted, randomUUID(), '/sa/payments');
    await eventually(async () => expect(await liveBenefit(resident)).toMatchObject({ programme: 'dibao' }));

    // When payments stops it from July (the household moved away; June is still paid)
    const stopped = {
      ...entitlementStoppedV1.example,
      applicationId: household.applicationId,
      entitlementId,
      reason: 'moved-away' as const,
      effectiveMonth: '2026-07',
    };
    await harness.publish(entitlementStoppedV1, stopped, randomUUID(), '/sa/payments');

    // Then from July the resident is no longer on benefit (this also shows the stop was handled)
    await harness.setClock('2026-07-01T09:00:00+08:00');
    await eventually(async () => expect(await liveBenefit(resident)).toBeNull());
    // And in June, the stop not yet in effect, the resident is still on dibao
    await harness.setClock('2026-06-30T23:00:00+08:00');
    expect(await liveBenefit(resident)).toMatchObject({ programme: 'dibao' });
  });

  it('takes a 单人保 grant as covering its one member alone, found in the household this service checked', async () => {
    // Given a household of two this service checked
    const grandmother = residentId();
    const son = residentId();
    const household = application([son, grandmother], 450_000);
    await harness.submit(household);
    await harness.publishedChecks(household.applicationId);
    const memberId = household.household.members[1]?.memberId as string;

    // When payments grants the grandmother's own case (approval's id for it), saying whose household she is from
    const granted = {
      ...entitlementGrantedV1.example,
      applicationId: randomUUID(),
      entitlementId: randomUUID(),
      region: '331002001001',
      householdSize: 1,
      monthlyAmountFen: 119_000,
      singlePersonCoverage: { householdApplicationId: household.applicationId, memberId },
    };
    await harness.publish(entitlementGrantedV1, granted, randomUUID(), '/sa/payments');

    // Then she is on dibao in the caseload, under her own case; her son is not
    await eventually(async () => expect(await liveBenefit(grandmother)).toMatchObject({ programme: 'dibao', applicationId: granted.applicationId }));
    expect(await liveBenefit(son)).toBeNull();
  });

  it('is live in a month before the stop’s effective month, not in it or after', () => {
    // Given no stop, then a stop from July
    expect(isLiveIn({}, '2026-06')).toBe(true);
    expect(isLiveIn({ until: '2026-07' }, '2026-06')).toBe(true);
    expect(isLiveIn({ until: '2026-07' }, '2026-07')).toBe(false);
    expect(isLiveIn({ until: '2026-07' }, '2027-01')).toBe(false);
  });
});
