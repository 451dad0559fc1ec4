/**
 * How events from five services are joined into one case (个案). Every event of a case carries
 * its applicationId in its data (intake, verification, approval, payments, charity referral all
 * do), whatever its stream is called; a lead (主动发现) joins through its leadId; county facts in
 * verification's resident register join through the resident ID of a household member.
 */
import { batchedApplicationIds } from './batched-payments';
import { record, text } from './read';

export type JoinKey = string;

export const applicationKey = (applicationId: string): JoinKey => `application:${applicationId}`;
export const leadKey = (leadId: string): JoinKey => `lead:${leadId}`;
export const residentKey = (residentId: string): JoinKey => `resident:${residentId.toUpperCase()}`;

/** The keys an event can be found by: its application (or case), its lead, its resident. */
export function joinKeysOf(data: unknown): JoinKey[] {
  const d = record(data);
  const keys: JoinKey[] = [];
  const applicationId = text(d.applicationId) ?? text(d.caseId);
  if (applicationId) keys.push(applicationKey(applicationId));
  // A payroll batch's instructions: the event is found by every household it pays.
  for (const id of batchedApplicationIds(undefined, data)) keys.push(applicationKey(id));
  const leadId = text(d.leadId);
  if (leadId) keys.push(leadKey(leadId));
  const residentId = text(d.residentId);
  if (residentId) keys.push(residentKey(residentId));
  return keys;
}

/** Whether the event is one of the case's own events (not merely department data about a member). */
export function isCaseEvent(data: unknown, applicationId: string, leadIds: ReadonlySet<string>): boolean {
  const d = record(data);
  if ((text(d.applicationId) ?? text(d.caseId)) === applicationId) return true;
  const leadId = text(d.leadId);
  return leadId !== undefined && leadIds.has(leadId) && text(d.applicationId) === undefined;
}

/** Whether the event is a county fact about one of the residents (and not another case's event). */
export function isMemberFact(data: unknown, residentIds: ReadonlySet<string>): boolean {
  const d = record(data);
  const residentId = text(d.residentId);
  return residentId !== undefined && text(d.applicationId) === undefined && residentIds.has(residentId.toUpperCase());
}
