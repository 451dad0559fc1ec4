/**
 * What case workers see of a case: a document folded from the case's events by one pure function,
 * used both by the MongoDB read model (lists) and by GET /cases/:id (folded from the stream, so
 * always current). Resident IDs are masked here; the full household comes from the aggregate.
 */
import type { CaseEvent, CasePhase, Reason } from '@sa/domain-approval';
import { maskResidentId } from '@sa/domain-shared';
import { singlePersonCaseId } from './single-person-case-id';

export type CaseStatus = 'awaiting-check' | 'awaiting-application' | Exclude<CasePhase, 'not-opened'>;

export const caseStatuses: readonly CaseStatus[] = [
  'awaiting-check',
  'awaiting-application',
  'awaiting-review',
  'reviewed',
  'on-notice',
  'reinvestigation',
  'approved',
  'rejected',
  'withdrawn',
];

export interface ObjectionView {
  summary: string;
  lodgedAt: string;
  recordedBy: string;
  status: 'open' | 'sustained' | 'dismissed';
  explanation?: string;
  resolvedBy?: string;
  resolvedAt?: string;
}

export interface CaseView {
  applicationId: string;
  status: CaseStatus;
  programme?: string;
  region?: string;
  nearRelative?: boolean;
  involvesMinor?: boolean;
  applicationTakenBy?: string;
  members?: { memberId: string; residentIdMasked: string; name: string }[];
  consents?: { economicCheck: boolean; charityReferral: boolean };
  check?: {
    checkId: string;
    eligible: boolean;
    ineligibilityReasons: Reason[];
    policyId: string;
    standardFen: number;
    householdSize: number;
    countedMonthlyIncomeFen: number;
    perCapitaMonthlyIncomeFen: number;
    assessedAt: string;
    singlePersonCoverage?: { memberId: string; ground: string; memberCountedIncomeFen: number; monthlyGapFen: number }[];
  };
  /** 单人保: on a member's own case, the household case it comes from. */
  singlePersonOf?: { householdApplicationId: string; memberId: string; ground: string };
  /** 单人保: on a household case, the cases of the members its checks covered alone. */
  singlePersonCases?: { memberId: string; applicationId: string; ground: string }[];
  review?: { recommendation: 'approve' | 'reject'; reasons: Reason[]; reviewedBy: string; reviewedAt: string };
  notice?: { startsOn: string; endsOn: string; noticeDays: number; published: boolean; postedAt: string };
  objections: Record<string, ObjectionView>;
  homeVisit?: { visitedOn: string; findings: string; visitedBy: string };
  decision?: {
    outcome: 'approved' | 'rejected' | 'withdrawn';
    at: string;
    by: string;
    level?: 'county' | 'township';
    benefitStartMonth?: string;
    stillInHardship?: boolean;
    stage?: 'review' | 'confirmation';
    reasons?: Reason[];
    noticeText?: string;
  };
  greenChannel?: { amountFen: number; grantedAt: string };
  openedAt?: string;
  updatedAt: string;
}

const masked = (members: readonly { memberId: string; residentId: string; name: string }[]) =>
  members.map((m) => ({ memberId: m.memberId, residentIdMasked: maskResidentId(m.residentId), name: m.name }));

type Check = Extract<CaseEvent, { type: 'CaseOpened' }>['data']['check'];

function checkView(check: Check): CaseView['check'] {
  const { investigatedBy: _investigatedBy, ineligibilityReasons, singlePersonCoverage, ...figures } = check;
  return {
    ...figures,
    ineligibilityReasons: [...ineligibilityReasons],
    ...(singlePersonCoverage?.length ? { singlePersonCoverage: singlePersonCoverage.map((c) => ({ ...c })) } : {}),
  };
}

/** The member cases a household's check adds (a member case's own check names only its member: not listed there). */
function withSinglePersonCases(v: CaseView, check: Check): CaseView {
  if (v.singlePersonOf || !check.singlePersonCoverage?.length) return v;
  const known = v.singlePersonCases ?? [];
  const added = check.singlePersonCoverage
    .filter((c) => !known.some((k) => k.memberId === c.memberId))
    .map((c) => ({ memberId: c.memberId, applicationId: singlePersonCaseId(v.applicationId, c.memberId), ground: c.ground }));
  return added.length ? { ...v, singlePersonCases: [...known, ...added] } : v;
}

/** The view after one event; `at` is when the event was recorded. */
export function evolveCaseView(view: CaseView | undefined, event: CaseEvent, at: string): CaseView {
  const base: CaseView = view ?? { applicationId: event.data.applicationId, status: 'awaiting-check', objections: {}, updatedAt: at };
  const next = applyEvent({ ...base, objections: { ...base.objections } }, event);
  return { ...next, updatedAt: at };
}

function applyEvent(v: CaseView, event: CaseEvent): CaseView {
  switch (event.type) {
    case 'ApplicationReceived':
    case 'CaseOpened': {
      const d = event.data;
      const facts = {
        programme: d.programme,
        region: d.region,
        nearRelative: d.nearRelative,
        involvesMinor: d.involvesMinor,
        applicationTakenBy: d.applicationTakenBy.userId,
        members: masked(d.members),
        consents: { ...d.consents },
      };
      if (event.type === 'ApplicationReceived') return { ...v, ...facts, status: 'awaiting-check' };
      const { singlePersonOf } = event.data;
      const opened: CaseView = {
        ...v,
        ...facts,
        ...(singlePersonOf ? { singlePersonOf: { ...singlePersonOf } } : {}),
        status: 'awaiting-review',
        check: checkView(event.data.check),
        openedAt: event.data.openedAt,
      };
      return withSinglePersonCases(opened, event.data.check);
    }
    case 'EconomicCheckRecorded': {
      // Before the case opens a check waits for the application; after, a new check needs a new review.
      const opened = v.openedAt !== undefined;
      const next: CaseView = {
        ...v,
        status: opened ? 'awaiting-review' : 'awaiting-application',
        check: checkView(event.data.check),
        ...(opened ? { review: undefined, notice: undefined } : {}),
      };
      return opened ? withSinglePersonCases(next, event.data.check) : next;
    }
    case 'TownshipReviewCompleted': {
      const d = event.data;
      return {
        ...v,
        status: 'reviewed',
        review: { recommendation: d.recommendation, reasons: [...d.reasons], reviewedBy: d.reviewedBy.userId, reviewedAt: d.reviewedAt },
      };
    }
    case 'PublicNoticePosted': {
      const d = event.data;
      return {
        ...v,
        status: 'on-notice',
        notice: { startsOn: d.startsOn, endsOn: d.endsOn, noticeDays: d.noticeDays, published: d.published, postedAt: d.postedAt },
      };
    }
    case 'ObjectionLodged': {
      const d = event.data;
      v.objections[d.objectionId] = { summary: d.summary, lodgedAt: d.lodgedAt, recordedBy: d.recordedBy.userId, status: 'open' };
      return v;
    }
    case 'ObjectionResolved': {
      const d = event.data;
      const lodged = v.objections[d.objectionId];
      if (lodged)
        v.objections[d.objectionId] = { ...lodged, status: d.outcome, explanation: d.explanation, resolvedBy: d.resolvedBy.userId, resolvedAt: d.resolvedAt };
      return v;
    }
    case 'CaseSentBackForReinvestigation':
      return { ...v, status: 'reinvestigation', review: undefined, notice: undefined };
    case 'CountyHomeVisitRecorded': {
      const d = event.data;
      return { ...v, homeVisit: { visitedOn: d.visitedOn, findings: d.findings, visitedBy: d.visitedBy.userId } };
    }
    case 'CaseApproved': {
      const d = event.data;
      return {
        ...v,
        status: 'approved',
        decision: {
          outcome: 'approved',
          at: d.confirmedAt,
          by: d.confirmedBy.userId,
          level: d.confirmationLevel,
          benefitStartMonth: d.benefitStartMonth,
          stillInHardship: d.stillInHardship,
        },
      };
    }
    case 'CaseRejected': {
      const d = event.data;
      return {
        ...v,
        status: 'rejected',
        decision: {
          outcome: 'rejected',
          at: d.rejectedAt,
          by: d.rejectedBy.userId,
          level: d.rejectionLevel,
          stage: d.stage,
          reasons: [...d.reasons],
          noticeText: d.noticeText,
        },
      };
    }
    case 'ApplicationAmended': {
      const c = event.data.changes;
      return {
        ...v,
        ...(c.region === undefined ? {} : { region: c.region }),
        ...(c.members === undefined ? {} : { members: masked(c.members) }),
        ...(c.involvesMinor === undefined ? {} : { involvesMinor: c.involvesMinor }),
        ...(c.consents === undefined ? {} : { consents: { ...c.consents } }),
        ...(c.nearRelative === undefined ? {} : { nearRelative: c.nearRelative }),
      };
    }
    case 'CaseWithdrawn':
      return { ...v, status: 'withdrawn', decision: { outcome: 'withdrawn', at: event.data.withdrawnAt, by: event.data.withdrawnBy.userId } };
    case 'GreenChannelReliefGranted':
      return {
        ...v,
        ...(v.region ? {} : { region: event.data.region, programme: event.data.programme }),
        greenChannel: { amountFen: event.data.amountFen, grantedAt: event.data.grantedAt },
      };
  }
}
