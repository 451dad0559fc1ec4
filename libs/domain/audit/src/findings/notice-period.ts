/**
 * 公示: a case may be confirmed only from the day after its public notice ended (China calendar
 * day of the confirmation), on a notice still standing — a sustained objection voids the notice
 * before it. Finds approvals with no standing notice or confirmed on or before its last day.
 * The business time (confirmedAt) is judged, as the approval service's clock stated it.
 */
import { chinaDate } from '@sa/domain-shared';
import type { CaseHistory } from '../case-history';
import { regionOf } from '../case-facts';
import { record, text } from '../read';
import type { SourcedEvent } from '../sourced-event';
import { evidence, findingKey, type Finding } from './finding';

/** The notice standing when the approval was recorded: the last one not voided by a send-back. */
function standingNotice(before: readonly SourcedEvent[]): SourcedEvent | undefined {
  let notice: SourcedEvent | undefined;
  for (const event of before) {
    if (event.type === 'PublicNoticePosted') notice = event;
    if (event.type === 'CaseSentBackForReinvestigation') notice = undefined;
  }
  return notice;
}

export function detectConfirmationBeforeNoticeEnded(history: CaseHistory): Finding[] {
  const region = regionOf(history.events);
  return history.events.flatMap((event, index) => {
    if (event.type !== 'CaseApproved') return [];
    const confirmedAt = text(record(event.data).confirmedAt) ?? event.recordedAt;
    const confirmedOn = chinaDate(confirmedAt);
    const notice = standingNotice(history.events.slice(0, index));
    const endsOn = notice ? text(record(notice.data).endsOn) : undefined;
    if (endsOn !== undefined && confirmedOn > endsOn) return [];
    const summary = notice
      ? `confirmed on ${confirmedOn}, before the public notice ending ${endsOn ?? '?'} was over (confirmation is allowed from the next day)`
      : `confirmed on ${confirmedOn} without a public notice standing`;
    return [
      {
        key: findingKey('confirmed-before-notice-ended', [history.applicationId], event.eventId),
        kind: 'confirmed-before-notice-ended' as const,
        severity: 'high' as const,
        applicationIds: [history.applicationId],
        regions: region ? [region] : [],
        summary,
        evidence: [
          ...(notice ? [evidence(notice, `public notice until ${endsOn ?? '?'} inclusive`)] : []),
          evidence(event, `confirmed at ${confirmedAt} (${confirmedOn} China time)`),
        ],
        details: { confirmedAt, confirmedOn, ...(notice ? { noticeStartsOn: text(record(notice.data).startsOn), noticeEndsOn: endsOn } : { notice: 'none' }) },
      },
    ];
  });
}
