/** 主动发现 — the active-discovery Lead aggregate: raised, then converted into an application or dismissed. */
import { accept, describeResidentIdProblem, maskResidentId, residentIdProblem, type Decider, type Decision } from '@sa/domain-shared';
import { problem, rejectWith, type IntakeRejection } from '../rejections';
import { isBlank, isOneOf, normaliseRegion, normaliseResidentId, regionProblem, requiredText } from '../validation';
import { leadSources, type ConvertLeadToApplication, type DismissLead, type LeadCommand, type LeadSubject, type RaiseLead } from './commands';
import type { LeadEvent } from './events';
import { initialLeadState, type Lead, type LeadState } from './state';

function decideRaise(command: RaiseLead, state: LeadState): Decision<LeadEvent> {
  if (state.status !== 'not-raised') return rejectWith(problem('LEAD_ALREADY_RAISED', `Lead ${command.leadId} has already been raised`, 'leadId'));
  const subject = normaliseSubject(command.subject);
  const invalid = raiseProblem(command) ?? subjectProblem(subject);
  if (invalid) return rejectWith(invalid);
  return accept<LeadEvent>({
    type: 'LeadRaised',
    data: {
      leadId: command.leadId,
      source: command.source,
      region: normaliseRegion(command.region),
      subject,
      concern: command.concern,
      raisedBy: command.raisedBy,
      raisedAt: command.raisedAt,
    },
  });
}

function raiseProblem(command: RaiseLead): IntakeRejection | undefined {
  if (isBlank(command.leadId)) return problem('LEAD_ID_REQUIRED', 'A lead needs an id', 'leadId');
  if (!isOneOf(leadSources, command.source)) return problem('INVALID_LEAD_SOURCE', `Source must be one of ${leadSources.join(', ')}`, 'source');
  return regionProblem(command.region, 'region') ?? requiredText(command.concern, 'LEAD_CONCERN_REQUIRED', 'concern', 'What was seen or reported');
}

function normaliseSubject(subject: LeadSubject): LeadSubject {
  return subject.residentId === undefined ? subject : { ...subject, residentId: normaliseResidentId(subject.residentId) };
}

/** A lead nobody can find is no lead: it needs a resident ID or at least a name. */
function subjectProblem(subject: LeadSubject): IntakeRejection | undefined {
  if (subject.residentId !== undefined) {
    const idProblem = residentIdProblem(subject.residentId);
    if (idProblem)
      return problem('INVALID_RESIDENT_ID', `Resident ID ${maskResidentId(subject.residentId)} ${describeResidentIdProblem(idProblem)}`, 'subject.residentId');
    return undefined;
  }
  return isBlank(subject.name) ? problem('LEAD_SUBJECT_REQUIRED', 'A lead must name the person: a resident ID or a name', 'subject') : undefined;
}

function openLead(state: LeadState, leadId: string): { lead: Lead } | { problem: IntakeRejection } {
  if (state.status === 'not-raised' || state.lead.leadId !== leadId)
    return { problem: problem('LEAD_NOT_FOUND', `Lead ${leadId} has not been raised`, 'leadId') };
  if (state.status === 'converted')
    return { problem: problem('LEAD_ALREADY_CONVERTED', `Lead ${leadId} already became application ${state.applicationId}`, 'leadId') };
  if (state.status === 'dismissed') return { problem: problem('LEAD_ALREADY_DISMISSED', `Lead ${leadId} was dismissed`, 'leadId') };
  return { lead: state.lead };
}

function decideConvert(command: ConvertLeadToApplication, state: LeadState): Decision<LeadEvent> {
  const found = openLead(state, command.leadId);
  if ('problem' in found) return rejectWith(found.problem);
  if (isBlank(command.applicationId)) return rejectWith(problem('APPLICATION_ID_REQUIRED', 'Name the application the lead became', 'applicationId'));
  return accept<LeadEvent>({
    type: 'LeadConvertedToApplication',
    data: { leadId: command.leadId, applicationId: command.applicationId, convertedBy: command.convertedBy, convertedAt: command.convertedAt },
  });
}

/** A dismissal needs a reason: an auditor must see why a possible case was not pursued. */
function decideDismiss(command: DismissLead, state: LeadState): Decision<LeadEvent> {
  const found = openLead(state, command.leadId);
  if ('problem' in found) return rejectWith(found.problem);
  const invalid = requiredText(command.reason, 'REASON_REQUIRED', 'reason', 'The reason for dismissing a lead');
  if (invalid) return rejectWith(invalid);
  return accept<LeadEvent>({
    type: 'LeadDismissed',
    data: { leadId: command.leadId, reason: command.reason, dismissedBy: command.dismissedBy, dismissedAt: command.dismissedAt },
  });
}

function decide(command: LeadCommand, state: LeadState): Decision<LeadEvent> {
  switch (command.type) {
    case 'RaiseLead':
      return decideRaise(command, state);
    case 'ConvertLeadToApplication':
      return decideConvert(command, state);
    case 'DismissLead':
      return decideDismiss(command, state);
  }
}

function evolve(state: LeadState, event: LeadEvent): LeadState {
  if (event.type === 'LeadRaised') {
    const { leadId, source, region, subject, raisedAt } = event.data;
    return { status: 'open', lead: { leadId, source, region, subject, raisedAt } };
  }
  if (state.status === 'not-raised') return state;
  if (event.type === 'LeadConvertedToApplication') return { status: 'converted', lead: state.lead, applicationId: event.data.applicationId };
  return { status: 'dismissed', lead: state.lead, reason: event.data.reason };
}

export const leadDecider: Decider<LeadCommand, LeadEvent, LeadState> = {
  initialState: initialLeadState,
  decide,
  evolve,
};
