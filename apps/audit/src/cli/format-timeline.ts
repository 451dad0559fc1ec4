/**
 * The human-readable replay: one block per event — China time, service, event, who (user, role,
 * unit), what it means, the reason or note, and for the economic check the standard and each line
 * of the rule trace. Resident IDs are masked; --json gives everything unmasked.
 */
import type { TimelineEntry } from '@sa/domain-audit';
import { formatYuan, fen, maskResidentId } from '@sa/domain-shared';
import type { CaseHistoryView } from '../cases/case-views';

const residentIdPattern = /\b\d{17}[\dX]\b/g;
const mask = (text: string) => text.replace(residentIdPattern, (id) => maskResidentId(id));

/** YYYY-MM-DD HH:mm:ss in China Standard Time. */
function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}

const yuan = (amount: unknown) => (typeof amount === 'number' ? formatYuan(fen(amount)) : '?');

function traceLines(entry: TimelineEntry): string[] {
  const basis = entry.ruleBasis;
  if (!basis) return [];
  const lines = [
    `standard ${yuan(basis.standardFen)} yuan/person/month under policy ${basis.policyId ?? '?'}${basis.checkId ? `, check ${basis.checkId}` : ''}`,
  ];
  for (const raw of basis.ruleTrace ?? []) {
    const t = raw as { rule?: string; item?: string; amountBeforeFen?: number; amountAfterFen?: number; counted?: boolean };
    lines.push(
      `  ${t.counted ? '+' : ' '} ${String(t.rule).padEnd(44)} ${String(t.item ?? '').padEnd(28)} ${yuan(t.amountBeforeFen).padStart(10)} → ${yuan(t.amountAfterFen).padStart(10)}`,
    );
  }
  return lines;
}

function block(entry: TimelineEntry): string[] {
  const who = `${entry.actor.userId} (${entry.actor.role}, ${entry.actor.orgUnit})`;
  const lines = [
    `${chinaTime(entry.at)}  ${entry.source.padEnd(16)} ${entry.type}`,
    `    by ${who}${entry.actedBy ? ` for ${entry.actedBy.userId} (${entry.actedBy.role}, ${entry.actedBy.orgUnit})` : ''}`,
    `    ${entry.summary}`,
  ];
  if (entry.reason) lines.push(`    reason: ${entry.reason}`);
  if (entry.note) lines.push(`    note: ${entry.note}`);
  lines.push(...traceLines(entry).map((l) => `    ${l}`));
  lines.push(`    [${entry.stream} #${entry.revision}, event ${entry.eventId}]`);
  return lines;
}

export function formatReplay(view: CaseHistoryView): string {
  const c = view.case;
  const header = [
    `Case ${c.applicationId}  ${c.programme ?? '?'} · region ${c.region ?? '?'} · ${c.events} events from ${c.sources.join(', ')}`,
    `Hash chains: ${view.integrity.ok ? `all ${view.integrity.streams.length} streams verified` : `BROKEN — ${view.integrity.breaks.map((b) => `${b.source} ${b.stream} at revision ${b.revision} (${b.reason})`).join('; ')}`}`,
    '',
  ];
  const facts =
    view.departmentData.length > 0
      ? [
          '',
          `Department data about the members (${view.departmentData.length}):`,
          ...view.departmentData.map((e) => `  ${chinaTime(e.at)}  ${e.type}  ${e.summary}`),
        ]
      : [];
  return mask([...header, ...view.timeline.flatMap((e) => [...block(e), '']), ...facts].join('\n'));
}
