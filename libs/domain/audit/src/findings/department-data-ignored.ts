/**
 * 逢进必核: an approval must rest on an economic check that took every piece of department data
 * (部门数据) the platform held about the household when the check collected it. The register's
 * facts about the members, recorded up to the moment of collection, are folded exactly as
 * verification folds them (a later report about the same vehicle, property or wage month replaces
 * the earlier one); every fact that fold keeps but the assessment did not list as seen was ignored.
 */
import { maskResidentId, type ResidentId } from '@sa/domain-shared';
import { emptyResidentRecords, evolveResidentRecords, factsIn, type CountyFact, type ResidentRecords } from '@sa/domain-verification';
import type { CaseHistory } from '../case-history';
import { regionOf } from '../case-facts';
import { list, record, text } from '../read';
import { recordedBy, type SourcedEvent } from '../sourced-event';
import { evidence, findingKey, type Finding } from './finding';

const countyFactTypes = new Set([
  'ResidentDeathReported',
  'VehicleRegistrationReported',
  'PropertyRegistrationReported',
  'PensionBenefitReported',
  'UnemploymentBenefitReported',
  'WageRecordReported',
  'BusinessRegistrationReported',
  'DisabilityRegistrationReported',
  'SeriousIllnessReported',
  'LargeMedicalBillReported',
  'DisasterVictimReported',
]);

interface CheckRound {
  readonly checkId: string;
  readonly residentIds: readonly string[];
  readonly collected?: SourcedEvent;
  readonly assessed: SourcedEvent;
  readonly seenFactIds: ReadonlySet<string>;
}

function lastOf(events: readonly SourcedEvent[], type: string, checkId: string): SourcedEvent | undefined {
  return events.filter((e) => e.type === type && text(record(e.data).checkId) === checkId).at(-1);
}

/** The check round an approval relied on, as verification recorded it. */
function checkRound(events: readonly SourcedEvent[], checkId: string): CheckRound | undefined {
  const assessed = lastOf(events, 'CheckCompleted', checkId) ?? lastOf(events, 'HouseholdEconomicStatusAssessed', checkId);
  if (!assessed) return undefined;
  const requested = lastOf(events, 'RecheckRequested', checkId) ?? lastOf(events, 'CheckRequested', checkId);
  const residentIds = list(record(record(requested?.data).household).members)
    .map((m) => text(record(m).residentId)?.toUpperCase())
    .filter((id): id is string => id !== undefined);
  const seen = list(record(record(assessed.data).assessment).departmentFactsSeen).map((f) => text(record(f).factId));
  const collected = lastOf(
    events.filter((e) => recordedBy(e, assessed.recordedAt)),
    'DepartmentDataCollected',
    checkId,
  );
  return { checkId, residentIds, ...(collected ? { collected } : {}), assessed, seenFactIds: new Set(seen.filter((id): id is string => id !== undefined)) };
}

/** What the register held about the resident at the instant, fact by fact as verification folds it. */
function recordsAt(facts: readonly SourcedEvent[], residentId: string, instant: string): { records: ResidentRecords; byMessage: Map<string, SourcedEvent> } {
  let records = emptyResidentRecords(residentId as ResidentId);
  const byMessage = new Map<string, SourcedEvent>();
  for (const event of facts) {
    const d = record(event.data);
    if (!countyFactTypes.has(event.type) || text(d.residentId)?.toUpperCase() !== residentId || !recordedBy(event, instant)) continue;
    records = evolveResidentRecords(records, { type: event.type, data: { ...d, residentId } } as unknown as CountyFact);
    const messageId = text(d.messageId);
    if (messageId) byMessage.set(messageId, event);
  }
  return { records, byMessage };
}

export function detectIgnoredDepartmentData(history: CaseHistory): Finding[] {
  const region = regionOf(history.events);
  return history.events.flatMap((approval) => {
    const checkId = text(record(approval.data).checkId);
    if (approval.type !== 'CaseApproved' || !checkId) return [];
    const round = checkRound(history.events, checkId);
    if (!round) return [];
    const at = round.collected?.recordedAt ?? round.assessed.recordedAt;
    const ignored = round.residentIds.flatMap((residentId) => {
      const { records, byMessage } = recordsAt(history.departmentData, residentId, at);
      return factsIn(records)
        .filter((fact) => !round.seenFactIds.has(fact.factId))
        .flatMap((fact) => {
          const event = byMessage.get(fact.factId);
          return event ? [{ residentId, fact, event }] : [];
        });
    });
    if (ignored.length === 0) return [];
    const kinds = [...new Set(ignored.map((i) => i.event.type))];
    return [
      {
        key: findingKey('department-data-ignored', [history.applicationId], `${approval.eventId}|${checkId}`),
        kind: 'department-data-ignored' as const,
        severity: 'high' as const,
        applicationIds: [history.applicationId],
        regions: region ? [region] : [],
        summary: `approved on economic check ${checkId}, which left out ${ignored.length} department record(s) held when it collected the data (${kinds.join(', ')})`,
        evidence: [
          evidence(approval, `approved on check ${checkId}`),
          ...(round.collected ? [evidence(round.collected, `department data collected at ${round.collected.recordedAt}`)] : []),
          evidence(round.assessed, `assessment listing the department facts it saw (${round.seenFactIds.size})`),
          ...ignored.map((i) =>
            evidence(
              i.event,
              `${i.event.type} about ${maskResidentId(i.residentId)} (${i.fact.source}, message ${i.fact.factId}) recorded ${i.event.recordedAt}, before the collection`,
            ),
          ),
        ],
        details: {
          checkId,
          collectedAt: at,
          ignored: ignored.map((i) => ({
            type: i.event.type,
            source: i.fact.source,
            factId: i.fact.factId,
            residentIdMasked: maskResidentId(i.residentId),
            recordedAt: i.event.recordedAt,
          })),
        },
      },
    ];
  });
}
