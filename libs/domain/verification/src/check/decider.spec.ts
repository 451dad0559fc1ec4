import { fen, fold, given, parseRegionCode, type Actor } from '@sa/domain-shared';
import { assessHouseholdEconomicStatus } from '../assessment/assess-household';
import { facts, householdOfThree, jiaojiangVillage, recordsOf, residents, taizhou2025 } from '../testing/fixtures';
import { householdCheckDecider as decider } from './decider';
import type {
  CheckCompleted,
  CheckRequested,
  DepartmentDataCollected,
  HouseholdCheckCommand,
  HouseholdCheckEvent,
  HouseholdEconomicStatusAssessed,
  RecheckRequested,
} from './messages';

const applicationId = '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e';
const checkId = '0195f2b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f';
const recheckId = '0195f2c0-2b3c-7d4e-9f5a-6b7c8d9e0f1a';
const investigator: Actor = { userId: 'u-inv-0031', role: 'investigator', orgUnit: '331002001' };
const household = householdOfThree();
const assessedAt = '2025-03-10T16:00:00+08:00';

const requestCheck: Extract<HouseholdCheckCommand, { type: 'RequestCheck' }> = {
  type: 'RequestCheck',
  applicationId,
  checkId,
  programme: 'dibao',
  region: jiaojiangVillage,
  area: 'urban',
  household,
  consentToDataCheck: true,
  requestedAt: '2025-03-03T09:15:00+08:00',
};

const checkRequested: CheckRequested = {
  type: 'CheckRequested',
  data: {
    applicationId,
    checkId,
    programme: 'dibao',
    region: jiaojiangVillage,
    area: 'urban',
    household,
    consentToDataCheck: true,
    requestedAt: '2025-03-03T09:15:00+08:00',
  },
};

const fatherRecords = recordsOf(residents.father, facts.wage(residents.father, 180_000, '2025-02', '台州某鞋厂', 'rs-gz-1'));
const collect = (id = checkId, records = [fatherRecords]): HouseholdCheckCommand => ({
  type: 'CollectDepartmentData',
  checkId: id,
  records,
  asOf: '2025-03-09T00:00:00Z',
});
const dataCollected = (id = checkId, records = [fatherRecords]): DepartmentDataCollected => ({
  type: 'DepartmentDataCollected',
  data: { applicationId, checkId: id, records, asOf: '2025-03-09T00:00:00Z' },
});

const assess = (id = checkId, policy = taizhou2025): HouseholdCheckCommand => ({ type: 'AssessHousehold', checkId: id, policy, assessedAt });
const assessment = (h = household, records = [fatherRecords]) =>
  assessHouseholdEconomicStatus({ programme: 'dibao', area: 'urban', assessedOn: '2025-03-10', household: h, departmentRecords: records, policy: taizhou2025 });
const assessed = (id = checkId, result = assessment()): HouseholdEconomicStatusAssessed => ({
  type: 'HouseholdEconomicStatusAssessed',
  data: { applicationId, checkId: id, region: jiaojiangVillage, assessedAt, policyId: 'taizhou-2025', assessment: result },
});

const complete = (id = checkId): HouseholdCheckCommand => ({
  type: 'CompleteCheck',
  checkId: id,
  completedAt: '2025-03-10T17:00:00+08:00',
  completedBy: investigator,
});
const completed = (id = checkId, result = assessment()): CheckCompleted => ({
  type: 'CheckCompleted',
  data: {
    applicationId,
    checkId: id,
    programme: 'dibao',
    region: jiaojiangVillage,
    outcome: result.eligible ? 'eligible' : 'ineligible',
    reasons: result.ineligibilityReasons,
    assessedAt,
    completedAt: '2025-03-10T17:00:00+08:00',
    completedBy: investigator,
    assessment: result,
  },
});

const recheck = (overrides: Partial<Extract<HouseholdCheckCommand, { type: 'RequestRecheck' }>> = {}): HouseholdCheckCommand => ({
  type: 'RequestRecheck',
  checkId: recheckId,
  previousCheckId: checkId,
  objectionId: '0195f3a0-6f7a-7b8c-9d9e-0f1a2b3c4d5e',
  reason: '公示异议: 申请人名下有车辆',
  requestedAt: '2025-03-18T15:00:00+08:00',
  ...overrides,
});

const finished: HouseholdCheckEvent[] = [checkRequested, dataCollected(), assessed(), completed()];

describe('HouseholdCheck (家庭经济状况核对)', () => {
  describe('request', () => {
    it('opens a check with the household snapshot and its consent', () => {
      given(decider, []).when(requestCheck).then([checkRequested]);
    });

    it('refuses a check the household has not authorised (核对授权)', () => {
      const outcome = given(decider, []).when({ ...requestCheck, consentToDataCheck: false });
      outcome.thenRejects('CONSENT_TO_DATA_CHECK_MISSING');
      expect(outcome.decision.ok ? undefined : outcome.decision.rejection.field).toBe('consentToDataCheck');
    });

    it('refuses a household without members or with a member twice', () => {
      given(decider, [])
        .when({ ...requestCheck, household: { ...household, members: [] } })
        .thenRejects('HOUSEHOLD_EMPTY');
      given(decider, [])
        .when({ ...requestCheck, household: { ...household, members: [...household.members.slice(0, 1), ...household.members.slice(0, 1)] } })
        .thenRejects('DUPLICATE_MEMBER');
    });

    it('accepts a redelivered request with no new events, and refuses a second check (that is a re-check)', () => {
      given(decider, [checkRequested]).when(requestCheck).then([]);
      given(decider, [checkRequested])
        .when({ ...requestCheck, checkId: recheckId })
        .thenRejects('CHECK_ALREADY_REQUESTED');
    });
  });

  describe('department data', () => {
    it('records the snapshot of the members’ department records and its as-of time', () => {
      given(decider, [checkRequested]).when(collect()).then([dataCollected()]);
    });

    it('refuses records of anyone outside the household: the consent does not cover them', () => {
      given(decider, [checkRequested])
        .when(collect(checkId, [recordsOf(residents.neighbour)]))
        .thenRejects('RECORDS_FOR_NON_MEMBER');
    });

    it('refuses data for a check that was not requested or is not the open one', () => {
      given(decider, []).when(collect()).thenRejects('CHECK_NOT_FOUND');
      given(decider, [checkRequested]).when(collect(recheckId)).thenRejects('CHECK_ID_MISMATCH');
    });
  });

  describe('assessment', () => {
    it('assesses the household under the policy in force: the worked example, gap 2,127.00 CNY', () => {
      const outcome = given(decider, [checkRequested, dataCollected()]).when(assess());
      outcome.then([assessed()]);
      const event = outcome.decision.ok ? outcome.decision.events[0] : undefined;
      expect(event?.type === 'HouseholdEconomicStatusAssessed' && event.data.assessment.monthlyGapFen).toBe(212_700);
    });

    it('refuses to assess before department data is collected (逢进必核)', () => {
      given(decider, [checkRequested]).when(assess()).thenRejects('DEPARTMENT_DATA_NOT_COLLECTED');
    });

    it('refuses a policy not in force for the region on the assessment day', () => {
      const changyuan = { ...taizhou2025, id: 'changyuan-2024', region: parseRegionCode('410783') };
      given(decider, [checkRequested, dataCollected()]).when(assess(checkId, changyuan)).thenRejects('POLICY_NOT_IN_FORCE');
      given(decider, [checkRequested, dataCollected()])
        .when(assess(checkId, { ...taizhou2025, effectiveFrom: '2025-06-01' }))
        .thenRejects('POLICY_NOT_IN_FORCE');
    });

    it('refuses an assessment time that is not a date-time (it decides the policy and the records in force)', () => {
      given(decider, [checkRequested, dataCollected()])
        .when({ type: 'AssessHousehold', checkId, policy: taizhou2025, assessedAt: 'yesterday' })
        .thenRejects('ASSESSED_AT_INVALID');
    });

    it('refuses a policy that breaks the rules every policy must keep', () => {
      const low = { ...taizhou2025, extremePovertyStandardUrbanFen: fen(150_000) };
      given(decider, [checkRequested, dataCollected()]).when(assess(checkId, low)).thenRejects('POLICY_INVALID');
    });
  });

  describe('completion', () => {
    it('completes eligible with the assessment it rests on', () => {
      given(decider, [checkRequested, dataCollected(), assessed()]).when(complete()).then([completed()]);
    });

    it('completes ineligible with the reasons, e.g. an undeclared vehicle', () => {
      const records = [recordsOf(residents.father, facts.vehicle(residents.father))];
      const result = assessment(household, records);
      const history = [checkRequested, dataCollected(checkId, records), assessed(checkId, result)];
      given(decider, history)
        .when(complete())
        .then([completed(checkId, result)]);
      expect(result.ineligibilityReasons.map((r) => r.code)).toEqual(['undeclared-vehicle', 'property-above-limit']);
    });

    it('refuses to complete before an assessment, or when data collected since has not been assessed', () => {
      given(decider, [checkRequested, dataCollected()]).when(complete()).thenRejects('CHECK_NOT_ASSESSED');
      given(decider, [checkRequested, dataCollected(), assessed(), dataCollected()]).when(complete()).thenRejects('CHECK_NOT_ASSESSED');
    });

    it('accepts a repeated completion with no new events, and refuses new data after it', () => {
      given(decider, finished).when(complete()).then([]);
      given(decider, finished).when(collect()).thenRejects('CHECK_ALREADY_COMPLETED');
    });
  });

  describe('re-check after a sustained objection', () => {
    const corrected = { ...household, declaredAssets: { ...household.declaredAssets, vehicles: 1 } };
    const recheckRequested: RecheckRequested = {
      type: 'RecheckRequested',
      data: {
        applicationId,
        checkId: recheckId,
        previousCheckId: checkId,
        objectionId: '0195f3a0-6f7a-7b8c-9d9e-0f1a2b3c4d5e',
        reason: '公示异议: 申请人名下有车辆',
        household: corrected,
        requestedAt: '2025-03-18T15:00:00+08:00',
      },
    };

    it('opens a new round with a new check id and the corrected household', () => {
      given(decider, finished)
        .when(recheck({ household: corrected }))
        .then([recheckRequested]);
    });

    it('keeps the last household when the objection did not change it', () => {
      given(decider, finished)
        .when(recheck())
        .then([{ ...recheckRequested, data: { ...recheckRequested.data, household } }]);
    });

    it('runs the new round to completion under its own id', () => {
      const vehicleRecords = [recordsOf(residents.father, facts.vehicle(residents.father))];
      const result = assessment(corrected, vehicleRecords);
      const history = [...finished, recheckRequested, dataCollected(recheckId, vehicleRecords), assessed(recheckId, result)];
      given(decider, history)
        .when(complete(recheckId))
        .then([completed(recheckId, result)]);
      // Declared now, so not concealed, but one vehicle is still above Taizhou's limit of none.
      expect(result.ineligibilityReasons.map((r) => r.code)).toEqual(['property-above-limit']);
    });

    it('opens a round an investigator asks for, without an objection, and remembers who asked', () => {
      const asked = recheck({ objectionId: undefined, reason: '新的部门数据: 车辆登记', requestedBy: investigator });
      const { objectionId: _none, ...data } = recheckRequested.data;
      const requested: RecheckRequested = {
        type: 'RecheckRequested',
        data: { ...data, household, reason: '新的部门数据: 车辆登记', requestedBy: investigator },
      };
      given(decider, finished).when(asked).then([requested]);
      const state = fold(decider, [...finished, requested, dataCollected(recheckId)]);
      expect(state.status === 'open' && state.round.requestedBy).toEqual(investigator);
    });

    it('refuses a re-check asked for by an investigator of another region (forbidden), before anything else', () => {
      // Given a completed check of a village of 椒江区; When an investigator of 黄岩区 asks for a new round
      const outsider = { ...investigator, orgUnit: '331003' };
      const decision = given(decider, finished).when(recheck({ objectionId: undefined, requestedBy: outsider })).decision;

      // Then the decider refuses it as forbidden, naming the actor's org unit
      expect(decision).toMatchObject({ ok: false, rejection: { code: 'OUTSIDE_JURISDICTION', kind: 'forbidden', field: 'requestedBy.orgUnit' } });
    });

    it('moves the application to the region and area an amendment names', () => {
      const moved = parseRegionCode('331002001201');
      const requested: RecheckRequested = { type: 'RecheckRequested', data: { ...recheckRequested.data, household, region: moved, area: 'rural' } };
      given(decider, finished)
        .when(recheck({ region: moved, area: 'rural' }))
        .then([requested]);
      const state = fold(decider, [...finished, requested]);
      expect(state.status === 'open' && [state.application.region, state.application.area]).toEqual([moved, 'rural']);
    });

    it('re-checks a sustained objection once, however often it is sent back', () => {
      const thirdId = '0195f2d0-3c4d-7e5f-8a6b-7c8d9e0f1a2b';
      const otherObjection = '0195f3b0-7a8b-7c9d-8e0f-1a2b3c4d5e6f';
      const rechecked = [...finished, recheckRequested, dataCollected(recheckId), assessed(recheckId), completed(recheckId)];
      const again = recheck({ checkId: thirdId, previousCheckId: recheckId });
      given(decider, [...finished, recheckRequested])
        .when(again)
        .then([]);
      given(decider, rechecked).when(again).then([]);
      // Another objection is a new round.
      given(decider, rechecked)
        .when(recheck({ checkId: thirdId, previousCheckId: recheckId, objectionId: otherObjection }))
        .then([{ type: 'RecheckRequested', data: { ...recheckRequested.data, checkId: thirdId, previousCheckId: recheckId, objectionId: otherObjection } }]);
    });

    it('refuses a re-check while a check is in progress, before any check, with a used id, or against an older check', () => {
      given(decider, [checkRequested]).when(recheck()).thenRejects('CHECK_IN_PROGRESS');
      given(decider, []).when(recheck()).thenRejects('CHECK_NOT_FOUND');
      given(decider, finished).when(recheck({ checkId })).thenRejects('CHECK_ID_ALREADY_USED');
      given(decider, finished)
        .when(recheck({ previousCheckId: recheckId }))
        .thenRejects('PREVIOUS_CHECK_MISMATCH');
      given(decider, [...finished, recheckRequested])
        .when(recheck())
        .then([]);
    });
  });

  describe('cancellation', () => {
    const cancel: HouseholdCheckCommand = { type: 'CancelCheck', checkId, reason: 'application withdrawn', cancelledAt: '2025-03-05T10:00:00+08:00' };
    const cancelled: HouseholdCheckEvent = {
      type: 'CheckCancelled',
      data: { applicationId, checkId, reason: 'application withdrawn', cancelledAt: '2025-03-05T10:00:00+08:00' },
    };

    it('stops an open check when the application is withdrawn', () => {
      given(decider, [checkRequested, dataCollected()]).when(cancel).then([cancelled]);
      given(decider, [checkRequested, cancelled]).when(cancel).then([]);
      given(decider, [checkRequested, cancelled]).when(collect()).thenRejects('CHECK_CANCELLED');
    });

    it('closes a completed check to re-checks, keeping its outcome, when the application is withdrawn afterwards', () => {
      given(decider, finished).when(cancel).then([cancelled]);
      given(decider, finished)
        .when({ ...cancel, checkId: recheckId })
        .thenRejects('CHECK_ID_MISMATCH');
      given(decider, [...finished, cancelled])
        .when(recheck())
        .thenRejects('CHECK_CANCELLED');
      const state = fold(decider, [...finished, cancelled]);
      expect(state.status === 'cancelled' && state.outcome).toBe('eligible');
    });
  });
});
