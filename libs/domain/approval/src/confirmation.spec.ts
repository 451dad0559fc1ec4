import { given } from '@sa/domain-shared';
import { benefitStartMonth } from './confirmation';
import { caseDecider } from './decider';
import type { CaseApproved, CaseEvent } from './events';
import {
  actors,
  applicationId,
  approve,
  bankAccount,
  caseOpened,
  check,
  members,
  noticePosted,
  onNotice,
  rejectCase,
  reviewed,
  village,
} from './test-support/case-fixtures';

const approvedEvent: CaseApproved = {
  type: 'CaseApproved',
  data: {
    applicationId,
    programme: 'dibao',
    region: village,
    confirmedBy: actors.county,
    confirmationLevel: 'county',
    confirmedAt: '2025-03-21T10:00:00+08:00',
    benefitStartMonth: '2025-04',
    checkId: check.checkId,
    policyId: '330000-2025-01',
    standardFen: check.standardFen,
    householdSize: 3,
    perCapitaMonthlyIncomeFen: check.perCapitaMonthlyIncomeFen,
    countedMonthlyIncomeFen: check.countedMonthlyIncomeFen,
    members,
    bankAccount,
    stillInHardship: true,
    consents: { economicCheck: true, charityReferral: true },
  },
};

const lodged: CaseEvent = {
  type: 'ObjectionLodged',
  data: { applicationId, objectionId: 'obj-1', summary: '有异议', lodgedAt: '2025-03-15T09:00:00+08:00', recordedBy: actors.reviewer },
};

describe('confirmation (确认) by the county', () => {
  it('approves after the notice has ended, with benefits from the following month', () => {
    given(caseDecider, onNotice).when(approve()).then([approvedEvent]);
  });

  it('refuses to confirm on or before the last notice day', () => {
    given(caseDecider, onNotice)
      .when(approve({ today: '2025-03-19', confirmedAt: '2025-03-19T17:00:00+08:00' }))
      .thenRejects('NOTICE_PERIOD_NOT_ENDED');
    given(caseDecider, onNotice)
      .when(approve({ today: '2025-03-15', confirmedAt: '2025-03-15T09:00:00+08:00' }))
      .thenRejects('NOTICE_PERIOD_NOT_ENDED');
    given(caseDecider, onNotice)
      .when(approve({ today: '2025-03-20', confirmedAt: '2025-03-20T09:00:00+08:00' }))
      .then([{ ...approvedEvent, data: { ...approvedEvent.data, confirmedAt: '2025-03-20T09:00:00+08:00' } }]);
  });

  it('takes "today" only when it is the China day of the confirmation time', () => {
    // 2025-03-20T17:00Z is already 21 March in China.
    given(caseDecider, onNotice)
      .when(approve({ today: '2025-03-20', confirmedAt: '2025-03-20T17:00:00Z' }))
      .thenRejects('TODAY_MISMATCH');
  });

  it('waits for every objection to be resolved', () => {
    given(caseDecider, [...onNotice, lodged])
      .when(approve())
      .thenRejects('OBJECTION_UNRESOLVED');
    const dismissed: CaseEvent = {
      type: 'ObjectionResolved',
      data: {
        applicationId,
        objectionId: 'obj-1',
        outcome: 'dismissed',
        explanation: '查无实据',
        resolvedBy: actors.reviewer,
        resolvedAt: '2025-03-18T15:00:00+08:00',
      },
    };
    given(caseDecider, [...onNotice, lodged, dismissed])
      .when(approve())
      .then([approvedEvent]);
  });

  it('enforces review → notice → confirmation', () => {
    given(caseDecider, [caseOpened()]).when(approve()).thenRejects('REVIEW_REQUIRED');
    given(caseDecider, [caseOpened(), reviewed()]).when(approve()).thenRejects('NOTICE_REQUIRED');
    given(caseDecider, [caseOpened(), reviewed('reject')])
      .when(approve())
      .thenRejects('REVIEW_RECOMMENDED_REJECTION');
  });

  it('starts benefits in January after a December confirmation', () => {
    expect(benefitStartMonth('2025-12-31')).toBe('2026-01');
    given(caseDecider, [caseOpened(), reviewed(), noticePosted('2025-12-01', '2025-12-07')])
      .when(approve({ today: '2025-12-31', confirmedAt: '2025-12-31T09:00:00+08:00' }))
      .then([{ ...approvedEvent, data: { ...approvedEvent.data, confirmedAt: '2025-12-31T09:00:00+08:00', benefitStartMonth: '2026-01' } }]);
  });

  it('is the county approver\u2019s, of the case\u2019s own county', () => {
    given(caseDecider, onNotice)
      .when(approve({ confirmedBy: { ...actors.countyInvestigator, userId: 'u-county-inv-0099' } }))
      .thenRejects('ROLE_NOT_ALLOWED');
    given(caseDecider, onNotice)
      .when(approve({ confirmedBy: actors.otherCounty }))
      .thenRejects('OUTSIDE_JURISDICTION');
    given(caseDecider, onNotice)
      .when(approve({ confirmedBy: { ...actors.county, orgUnit: '3301' } }))
      .thenRejects('ORG_UNIT_LEVEL_NOT_ALLOWED');
  });
});

describe('segregation of duties at confirmation', () => {
  it('keeps the person who took the application from confirming it', () => {
    given(caseDecider, onNotice)
      .when(approve({ confirmedBy: { ...actors.county, userId: actors.intake.userId } }))
      .thenRejects('SEGREGATION_OF_DUTIES');
  });

  it('keeps the investigator from confirming it', () => {
    given(caseDecider, onNotice)
      .when(approve({ confirmedBy: { ...actors.county, userId: actors.investigator.userId } }))
      .thenRejects('SEGREGATION_OF_DUTIES');
  });

  it('keeps the reviewer from confirming it where confirmation is delegated', () => {
    given(caseDecider, onNotice)
      .when(approve({ confirmedBy: actors.reviewer, confirmationDelegatedToTownship: true }))
      .thenRejects('SEGREGATION_OF_DUTIES');
  });

  it('names the person even when they also lack the role', () => {
    given(caseDecider, onNotice)
      .when(approve({ confirmedBy: actors.intake }))
      .thenRejects('SEGREGATION_OF_DUTIES');
  });

  it('applies to rejections too', () => {
    given(caseDecider, onNotice)
      .when(rejectCase({ rejectedBy: { ...actors.county, userId: actors.intake.userId } }))
      .thenRejects('SEGREGATION_OF_DUTIES');
  });
});

describe('confirmation delegated to townships (审批权限下放)', () => {
  it('lets the township confirm where the policy delegates it', () => {
    given(caseDecider, onNotice)
      .when(approve({ confirmedBy: actors.townshipConfirmer, confirmationDelegatedToTownship: true }))
      .then([{ ...approvedEvent, data: { ...approvedEvent.data, confirmedBy: actors.townshipConfirmer, confirmationLevel: 'township' } }]);
  });

  it('keeps it with the county where the policy does not', () => {
    given(caseDecider, onNotice)
      .when(approve({ confirmedBy: actors.townshipConfirmer }))
      .thenRejects('CONFIRMATION_NOT_DELEGATED');
  });

  it('never lets a township confirm a near-relative case (近亲属备案)', () => {
    const nearRelative = [caseOpened({ nearRelative: true }), reviewed(), noticePosted()];
    given(caseDecider, nearRelative)
      .when(approve({ confirmedBy: actors.townshipConfirmer, confirmationDelegatedToTownship: true }))
      .thenRejects('NEAR_RELATIVE_REQUIRES_COUNTY');
    given(caseDecider, nearRelative)
      .when(rejectCase({ rejectedBy: actors.townshipConfirmer, confirmationDelegatedToTownship: true }))
      .thenRejects('NEAR_RELATIVE_REQUIRES_COUNTY');
  });
});

describe('near-relative cases need a county home visit (入户核查)', () => {
  const nearRelative = [caseOpened({ nearRelative: true }), reviewed(), noticePosted()];
  const visit = {
    type: 'RecordCountyHomeVisit' as const,
    applicationId,
    visitedOn: '2025-03-17',
    findings: '入户核查属实',
    visitedBy: actors.countyInvestigator,
    recordedAt: '2025-03-17T18:00:00+08:00',
  };
  const visited: CaseEvent = {
    type: 'CountyHomeVisitRecorded',
    data: { applicationId, visitedOn: '2025-03-17', findings: '入户核查属实', visitedBy: actors.countyInvestigator, recordedAt: '2025-03-17T18:00:00+08:00' },
  };

  it('refuses county approval without one', () => {
    given(caseDecider, nearRelative).when(approve()).thenRejects('COUNTY_HOME_VISIT_REQUIRED');
  });

  it('records the visit by county staff only', () => {
    given(caseDecider, nearRelative).when(visit).then([visited]);
    given(caseDecider, nearRelative)
      .when({ ...visit, visitedBy: actors.investigator })
      .thenRejects('ORG_UNIT_LEVEL_NOT_ALLOWED');
  });

  it('approves once the visit is recorded', () => {
    given(caseDecider, [...nearRelative, visited])
      .when(approve())
      .then([{ ...approvedEvent, data: { ...approvedEvent.data } }]);
  });

  it('still keeps the household\u2019s investigator from confirming', () => {
    given(caseDecider, [...nearRelative, visited])
      .when(approve({ confirmedBy: { ...actors.county, userId: actors.investigator.userId } }))
      .thenRejects('SEGREGATION_OF_DUTIES');
  });
});

describe('rejection (不予批准)', () => {
  it('after a review recommending rejection, without a notice', () => {
    const outcome = given(caseDecider, [caseOpened(), reviewed('reject')]).when(rejectCase({ today: '2025-03-14', rejectedAt: '2025-03-14T10:00:00+08:00' }));
    expect(outcome.decision.ok && outcome.decision.events[0]).toMatchObject({ type: 'CaseRejected', data: { stage: 'review', rejectionLevel: 'county' } });
  });

  it('at confirmation, with the written notice, the contact and the charity consent', () => {
    const outcome = given(caseDecider, onNotice).when(rejectCase({ authorityName: '杭州市上城区民政局' }));
    expect(outcome.decision.ok).toBe(true);
    const event = outcome.decision.ok ? outcome.decision.events[0] : undefined;
    expect(event?.type).toBe('CaseRejected');
    if (event?.type !== 'CaseRejected') return;
    expect(event.data).toMatchObject({
      applicationId,
      programme: 'dibao',
      region: village,
      stage: 'confirmation',
      reasons: [{ code: 'property-over-limit', message: '家庭金融资产超过当地规定标准' }],
      rejectedBy: actors.county,
      rejectedAt: '2025-03-21T10:00:00+08:00',
      consents: { charityReferral: true },
      contact: { applicantResidentId: '330102195806120026', applicantName: '王秀英', phone: '0571-8888 0000', householdSize: 3 },
    });
    expect(event.data.noticeText).toContain('家庭金融资产超过当地规定标准');
    expect(event.data.noticeText).toContain('行政复议');
    expect(event.data.noticeText).toContain('行政诉讼');
    expect(event.data.noticeText).toContain('2025年3月21日');
    expect(event.data.noticeText).toContain('杭州市上城区民政局');
  });

  it('states at least one reason', () => {
    given(caseDecider, onNotice)
      .when(rejectCase({ reasons: [] }))
      .thenRejects('REASON_REQUIRED');
  });

  it('at confirmation waits for the notice like an approval', () => {
    given(caseDecider, onNotice)
      .when(rejectCase({ today: '2025-03-18', rejectedAt: '2025-03-18T10:00:00+08:00' }))
      .thenRejects('NOTICE_PERIOD_NOT_ENDED');
    given(caseDecider, [caseOpened()]).when(rejectCase()).thenRejects('REVIEW_REQUIRED');
  });
});

describe('a decided case', () => {
  it('takes no further decision', () => {
    given(caseDecider, [...onNotice, approvedEvent])
      .when(approve())
      .thenRejects('CASE_ALREADY_DECIDED');
    given(caseDecider, [...onNotice, approvedEvent])
      .when(rejectCase())
      .thenRejects('CASE_ALREADY_DECIDED');
  });

  it('refuses a command for another application', () => {
    given(caseDecider, onNotice)
      .when(approve({ applicationId: '0195f2a4-0000-7b3a-9d4e-2f6a8b1c3d5e' }))
      .thenRejects('WRONG_CASE');
  });
});
