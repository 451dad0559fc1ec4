/** 申请 — the household Application aggregate: submit, amend, withdraw, close on the decision. */
import type { Decider } from '@sa/domain-shared';
import { applyChanges, decideAmend } from './amend';
import type { ApplicationCommand } from './commands';
import type { ApplicationEvent, ApplicationSubmitted } from './events';
import { decideOutcome, decideWithdraw } from './lifecycle';
import { initialApplicationState, type Application, type ApplicationState } from './state';
import { decideSubmit } from './submit';

function decide(command: ApplicationCommand, state: ApplicationState) {
  switch (command.type) {
    case 'SubmitApplication':
      return decideSubmit(command, state);
    case 'AmendApplication':
      return decideAmend(command, state);
    case 'WithdrawApplication':
      return decideWithdraw(command, state);
    case 'RecordApplicationOutcome':
      return decideOutcome(command, state);
  }
}

function evolve(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  if (event.type === 'ApplicationSubmitted') return { status: 'submitted', application: submittedApplication(event.data) };
  // Later events only refine an application that exists; a stray one cannot conjure it up.
  if (state.status === 'not-submitted') return state;
  const { application } = state;
  switch (event.type) {
    case 'NearRelativeCaseFlagged':
      return { ...state, application: { ...application, flaggedAsNearRelative: true } };
    case 'ApplicationAmended':
      return { ...state, application: applyChanges(application, event.data.changes) };
    case 'ApplicationWithdrawn':
      return { status: 'withdrawn', application, reason: event.data.reason };
    case 'ApplicationClosed':
      return { status: 'closed', application, outcome: event.data.outcome };
  }
}

function submittedApplication(data: ApplicationSubmitted['data']): Application {
  return {
    applicationId: data.applicationId,
    programme: data.programme,
    region: data.region,
    applicationLocation: data.applicationLocation,
    channel: data.channel,
    household: data.household,
    consents: data.consents,
    nearRelative: data.nearRelative,
    // The flag itself is its own event, so a replay shows exactly when the case was flagged.
    flaggedAsNearRelative: false,
    ...(data.leadId === undefined ? {} : { leadId: data.leadId }),
    submittedAt: data.submittedAt,
    amendments: 0,
  };
}

export const applicationDecider: Decider<ApplicationCommand, ApplicationEvent, ApplicationState> = {
  initialState: initialApplicationState,
  decide,
  evolve,
};
