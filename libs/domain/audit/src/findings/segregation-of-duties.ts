/**
 * Segregation of duties (不相容岗位分离), the control against favouritism: whoever took the
 * application or investigated the household may not review or decide the case, and whoever
 * reviewed it may not decide it. Systems (role county-system) record steps on people's behalf and
 * are left out; the people named in the events are compared by user id.
 */
import type { CaseHistory } from '../case-history';
import { regionOf } from '../case-facts';
import { actorIn, field, record } from '../read';
import type { EnvelopeActor, SourcedEvent } from '../sourced-event';
import { evidence, findingKey, type Evidence, type Finding } from './finding';

export type Duty = 'took' | 'investigated' | 'reviewed' | 'decided';

interface DutyDone {
  readonly duty: Duty;
  readonly actor: EnvelopeActor;
  readonly event: SourcedEvent;
}

/** Which actor fields of which events record which duty. */
const dutyFields: Readonly<Record<string, readonly (readonly [Duty, (data: unknown) => unknown])[]>> = {
  ApplicationSubmitted: [['took', (d) => field(d, 'submittedBy')]],
  ApplicationReceived: [['took', (d) => field(d, 'applicationTakenBy')]],
  CaseOpened: [
    ['took', (d) => field(d, 'applicationTakenBy')],
    ['investigated', (d) => record(field(d, 'check')).investigatedBy],
  ],
  EconomicCheckRecorded: [['investigated', (d) => record(field(d, 'check')).investigatedBy]],
  CheckCompleted: [['investigated', (d) => field(d, 'completedBy')]],
  RecheckRequested: [['investigated', (d) => field(d, 'requestedBy')]],
  TownshipReviewCompleted: [['reviewed', (d) => field(d, 'reviewedBy')]],
  CaseApproved: [['decided', (d) => field(d, 'confirmedBy')]],
  CaseRejected: [['decided', (d) => field(d, 'rejectedBy')]],
};

/** Pairs of duties one person may not both hold on a case. */
const incompatible: readonly (readonly [Duty, Duty])[] = [
  ['took', 'reviewed'],
  ['took', 'decided'],
  ['investigated', 'reviewed'],
  ['investigated', 'decided'],
  ['reviewed', 'decided'],
];

export function dutiesDone(events: readonly SourcedEvent[]): DutyDone[] {
  return events.flatMap((event) =>
    (dutyFields[event.type] ?? []).flatMap(([duty, read]) => {
      const actor = actorIn(read(event.data));
      return actor && actor.role !== 'county-system' ? [{ duty, actor, event }] : [];
    }),
  );
}

export function detectSegregationOfDutiesBreaches(history: CaseHistory): Finding[] {
  const byPerson = new Map<string, DutyDone[]>();
  for (const done of dutiesDone(history.events)) byPerson.set(done.actor.userId, [...(byPerson.get(done.actor.userId) ?? []), done]);
  const region = regionOf(history.events);
  return [...byPerson].flatMap(([userId, done]) => {
    const held = new Set(done.map((d) => d.duty));
    const clashes = incompatible.filter(([a, b]) => held.has(a) && held.has(b));
    if (clashes.length === 0) return [];
    const clashing = new Set(clashes.flat());
    const proof: Evidence[] = done
      .filter((d) => clashing.has(d.duty))
      .map((d) => evidence(d.event, `${userId} ${d.duty} the case as ${d.actor.role} (${d.actor.orgUnit})`));
    const unique = [...new Map(proof.map((p) => [`${p.eventId}/${p.why}`, p])).values()];
    return [
      {
        key: findingKey('segregation-of-duties-breached', [history.applicationId], userId),
        kind: 'segregation-of-duties-breached' as const,
        severity: 'high' as const,
        applicationIds: [history.applicationId],
        regions: region ? [region] : [],
        summary: `${userId} both ${clashes.map(([a, b]) => `${a} and ${b}`).join(', and ')} the same case`,
        evidence: unique,
        details: { userId, duties: [...held], clashes: clashes.map(([a, b]) => `${a}+${b}`) },
      },
    ];
  });
}
