/**
 * 重复享受: one resident covered by the same benefit (programme) in two cases over overlapping
 * months — two active cases in one region, or one in each of two regions (a household applying at
 * its hukou and at its place of residence). A benefit runs from its start month until its stop
 * month (exclusive); payments granted it (EntitlementGranted) or, before payments acted, the
 * approval (CaseApproved) from its benefit start month.
 */
import { maskResidentId } from '@sa/domain-shared';
import type { CaseHistory } from '../case-history';
import { membersOf } from '../case-facts';
import { list, record, text } from '../read';
import type { SourcedEvent } from '../sourced-event';
import { evidence, findingKey, type Finding } from './finding';

export interface BenefitSpell {
  readonly applicationId: string;
  readonly programme: string;
  readonly region: string;
  readonly fromMonth: string;
  /** First month no longer covered; undefined while it runs on. */
  readonly untilMonth?: string;
  readonly residentIds: ReadonlySet<string>;
  readonly grant: SourcedEvent;
  readonly stop?: SourcedEvent;
  readonly payments: readonly SourcedEvent[];
}

function residentsIn(data: unknown): string[] {
  return list(record(data).members)
    .map((m) => text(record(m).residentId)?.toUpperCase())
    .filter((id): id is string => id !== undefined);
}

/** The spells of benefit a case's history shows. */
export function benefitSpells(history: CaseHistory): BenefitSpell[] {
  const { events } = history;
  const grants = events.filter((e) => e.type === 'EntitlementGranted');
  const approvals = events.filter((e) => e.type === 'CaseApproved');
  const allMembers = [...membersOf(events).keys()];
  const stops = events.filter((e) => e.type === 'EntitlementStopped');
  const payments = events.filter((e) => e.type === 'PaymentInstructionIssued');
  const sources = grants.length > 0 ? grants : approvals;
  return sources.flatMap((grant) => {
    const d = record(grant.data);
    const programme = text(d.programme);
    const region = text(d.region);
    const fromMonth = text(d.startMonth) ?? text(d.benefitStartMonth);
    if (!programme || !region || !fromMonth) return [];
    const entitlementId = text(d.entitlementId);
    const mine = (e: SourcedEvent) => entitlementId === undefined || text(record(e.data).entitlementId) === entitlementId;
    const stop = stops.filter(mine).sort((a, b) => (text(record(a.data).effectiveMonth) ?? '').localeCompare(text(record(b.data).effectiveMonth) ?? ''))[0];
    const untilMonth = stop ? text(record(stop.data).effectiveMonth) : undefined;
    const named = residentsIn(d);
    return [
      {
        applicationId: history.applicationId,
        programme,
        region,
        fromMonth,
        ...(untilMonth ? { untilMonth } : {}),
        residentIds: new Set(named.length > 0 ? named : allMembers),
        grant,
        ...(stop ? { stop } : {}),
        payments: payments.filter(mine),
      },
    ];
  });
}

/** The first month both spells cover, if any. */
export function overlapStart(a: BenefitSpell, b: BenefitSpell): string | undefined {
  const from = a.fromMonth > b.fromMonth ? a.fromMonth : b.fromMonth;
  const ends = [a.untilMonth, b.untilMonth].filter((m): m is string => m !== undefined);
  const until = ends.length > 0 ? ends.sort()[0] : undefined;
  return until === undefined || from < until ? from : undefined;
}

function duplicate(residentId: string, a: BenefitSpell, b: BenefitSpell, from: string): Finding {
  const [first, second] = [a, b].sort((x, y) => x.applicationId.localeCompare(y.applicationId)) as [BenefitSpell, BenefitSpell];
  const twoRegions = first.region !== second.region;
  // Months both cases issued a payment for: the money paid twice.
  const paidMonths = (s: BenefitSpell) => new Set(s.payments.map((p) => text(record(p.data).month)).filter((m): m is string => m !== undefined));
  const bothPaid = [...paidMonths(first)].filter((m) => paidMonths(second).has(m)).sort();
  const masked = maskResidentId(residentId);
  const why = (s: BenefitSpell) => `${s.programme} for ${masked} in region ${s.region} from ${s.fromMonth}${s.untilMonth ? ` until ${s.untilMonth}` : ''}`;
  return {
    key: findingKey('duplicate-benefit', [first.applicationId, second.applicationId], `${residentId}|${first.programme}`),
    kind: 'duplicate-benefit',
    severity: 'high',
    applicationIds: [first.applicationId, second.applicationId],
    regions: [...new Set([first.region, second.region])],
    summary: `resident ${masked} receives ${first.programme} in two ${twoRegions ? 'regions' : 'active cases'} (${first.region}, ${second.region}) from ${from}${bothPaid.length > 0 ? `; paid twice for ${bothPaid.join(', ')}` : ''}`,
    evidence: [
      evidence(first.grant, why(first)),
      evidence(second.grant, why(second)),
      ...[first, second].flatMap((s) =>
        s.payments
          .filter((p) => bothPaid.includes(text(record(p.data).month) ?? ''))
          .map((p) => evidence(p, `paid for ${text(record(p.data).month) ?? '?'} in case ${s.applicationId}`)),
      ),
    ],
    details: {
      residentIdMasked: masked,
      programme: first.programme,
      regions: [first.region, second.region],
      variant: twoRegions ? 'two-regions' : 'two-active-cases',
      overlapFrom: from,
      monthsPaidTwice: bothPaid,
    },
  };
}

/** Across cases: every resident covered twice by the same programme over overlapping months. */
export function detectDuplicateBenefits(histories: readonly CaseHistory[]): Finding[] {
  const byResident = new Map<string, BenefitSpell[]>();
  for (const spell of histories.flatMap(benefitSpells)) {
    for (const residentId of spell.residentIds) byResident.set(residentId, [...(byResident.get(residentId) ?? []), spell]);
  }
  const findings = new Map<string, Finding>();
  for (const [residentId, spells] of byResident) {
    for (let i = 0; i < spells.length; i++) {
      for (let j = i + 1; j < spells.length; j++) {
        const a = spells[i] as BenefitSpell;
        const b = spells[j] as BenefitSpell;
        if (a.applicationId === b.applicationId || a.programme !== b.programme) continue;
        const from = overlapStart(a, b);
        if (from === undefined) continue;
        const found = duplicate(residentId, a, b, from);
        findings.set(found.key, found);
      }
    }
  }
  return [...findings.values()];
}
