/**
 * One resident, one live benefit (一人一保): the ResidentBenefit aggregate, one stream per resident
 * and benefit scope, holds which entitlement covers the resident. Payments claims it for every
 * member before granting; the stream's expected revision makes two concurrent claims race-free.
 * Residents appear only as their key (a hash): stream names and events never hold a resident ID.
 */
import { accept, type Decider, type Decision } from '@sa/domain-shared';
import { problem, refuse } from '../rejections';
import type { Programme } from '../values';
import { firstOf, idProblem, instantProblem, monthProblem } from '../validation';
import type { BenefitScope } from './benefit-scope';

export interface BenefitHolder {
  readonly entitlementId: string;
  readonly applicationId: string;
  readonly programme: Programme;
  readonly startMonth: string;
}

export interface ClaimResidentBenefit {
  readonly type: 'ClaimResidentBenefit';
  readonly residentKey: string;
  readonly scope: BenefitScope;
  readonly holder: BenefitHolder;
  /**
   * What the current holder's entitlement stream says, read by the handler: the first month it is
   * no longer paid, if it stops. Used only when it names the entitlement that holds the claim now.
   */
  readonly holderStop?: { readonly entitlementId: string; readonly stopsFrom: string };
  readonly claimedAt: string;
}

/** Gives the claim back when the entitlement it was taken for was not granted after all. */
export interface ReleaseResidentBenefit {
  readonly type: 'ReleaseResidentBenefit';
  readonly residentKey: string;
  readonly entitlementId: string;
  readonly releasedAt: string;
}

export type ResidentBenefitCommand = ClaimResidentBenefit | ReleaseResidentBenefit;

export type ResidentBenefitEvent =
  | {
      readonly type: 'ResidentBenefitClaimed';
      readonly data: { readonly residentKey: string; readonly scope: BenefitScope; readonly claimedAt: string } & BenefitHolder;
    }
  | {
      readonly type: 'ResidentBenefitClaimEnded';
      readonly data: {
        readonly residentKey: string;
        readonly entitlementId: string;
        readonly applicationId: string;
        /** 'entitlement-stopped': taken over from a stopped entitlement; 'not-granted': the grant it was taken for failed. */
        readonly reason: 'entitlement-stopped' | 'not-granted';
        readonly stopsFrom?: string;
        readonly endedAt: string;
      };
    };

export interface ResidentBenefitState {
  readonly holder?: BenefitHolder;
}

function decideClaim(c: ClaimResidentBenefit, state: ResidentBenefitState): Decision<ResidentBenefitEvent> {
  const invalid = firstOf(
    () => idProblem(c.residentKey, 'residentKey'),
    () => idProblem(c.holder.entitlementId, 'holder.entitlementId'),
    () => idProblem(c.holder.applicationId, 'holder.applicationId'),
    () => monthProblem(c.holder.startMonth, 'holder.startMonth'),
    () => instantProblem(c.claimedAt, 'claimedAt'),
  );
  if (invalid) return refuse(invalid);
  const claimed: ResidentBenefitEvent = {
    type: 'ResidentBenefitClaimed',
    data: { residentKey: c.residentKey, scope: c.scope, ...c.holder, claimedAt: c.claimedAt },
  };
  const current = state.holder;
  if (!current) return accept(claimed);
  // The same entitlement claiming again (a redelivered approval): nothing new.
  if (current.entitlementId === c.holder.entitlementId) return accept();
  const stop = c.holderStop?.entitlementId === current.entitlementId ? c.holderStop.stopsFrom : undefined;
  // The holder's benefit ends before the new one starts: no month is paid twice.
  if (stop !== undefined && stop <= c.holder.startMonth) {
    const { entitlementId, applicationId } = current;
    const ended: ResidentBenefitEvent = {
      type: 'ResidentBenefitClaimEnded',
      data: { residentKey: c.residentKey, entitlementId, applicationId, reason: 'entitlement-stopped', stopsFrom: stop, endedAt: c.claimedAt },
    };
    return accept<ResidentBenefitEvent>(ended, claimed);
  }
  const until = stop === undefined ? 'is live' : `is paid until ${stop} (after ${c.holder.startMonth})`;
  return refuse(
    problem('RESIDENT_ALREADY_ON_BENEFIT', `the resident is covered by the entitlement of case ${current.applicationId}, which ${until}`, 'members'),
  );
}

function decideRelease(c: ReleaseResidentBenefit, state: ResidentBenefitState): Decision<ResidentBenefitEvent> {
  const current = state.holder;
  if (!current || current.entitlementId !== c.entitlementId) return accept();
  const { entitlementId, applicationId } = current;
  return accept({
    type: 'ResidentBenefitClaimEnded',
    data: { residentKey: c.residentKey, entitlementId, applicationId, reason: 'not-granted', endedAt: c.releasedAt },
  });
}

function evolve(state: ResidentBenefitState, event: ResidentBenefitEvent): ResidentBenefitState {
  if (event.type === 'ResidentBenefitClaimed') {
    const { entitlementId, applicationId, programme, startMonth } = event.data;
    return { holder: { entitlementId, applicationId, programme, startMonth } };
  }
  return state.holder?.entitlementId === event.data.entitlementId ? {} : state;
}

export const residentBenefitDecider: Decider<ResidentBenefitCommand, ResidentBenefitEvent, ResidentBenefitState> = {
  initialState: {},
  decide: (command, state) => (command.type === 'ClaimResidentBenefit' ? decideClaim(command, state) : decideRelease(command, state)),
  evolve,
};
