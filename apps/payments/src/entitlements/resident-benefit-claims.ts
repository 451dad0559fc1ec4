/**
 * Payments' own check of one person, one live benefit (一人一保), before any grant: every member of
 * the approved case is claimed on the resident's benefit stream, whatever region the case is in
 * (the event store is the deployment's, so the check is deployment-wide). Members are claimed in
 * key order, so two approvals sharing residents meet on the same first stream and one of them wins
 * whole; a refused approval gives back what it took.
 */
import { Inject, Injectable } from '@nestjs/common';
import { benefitScopeOf, type GrantEntitlement, residentBenefitDecider, type ResidentBenefitState } from '@sa/domain-payments';
import type { EventStore } from '@sa/event-store';
import { CommandRejectedError, type CommandContext, EVENT_STORE, executeCommand } from '@sa/platform';
import { residentBenefitStream } from '../streams';
import { EntitlementCommands } from './entitlement-commands';
import { residentKey } from './resident-key';

export type ClaimOutcome =
  { readonly ok: true } | { readonly ok: false; readonly memberId: string; readonly heldByApplicationId: string; readonly detail: string };

interface MemberClaim {
  readonly memberId: string;
  readonly stream: string;
  readonly key: string;
}

@Injectable()
export class ResidentBenefitClaims {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly entitlements: EntitlementCommands,
  ) {}

  async claimAll(grant: GrantEntitlement, context: CommandContext): Promise<ClaimOutcome> {
    for (const member of this.membersOf(grant)) {
      const refused = await this.claim(grant, member, context);
      if (refused) {
        await this.releaseAll(grant, context);
        return refused;
      }
    }
    return { ok: true };
  }

  /** Gives back every claim this grant holds (idempotent: a claim held by another entitlement is left alone). */
  async releaseAll(grant: GrantEntitlement, context: CommandContext): Promise<void> {
    for (const { stream, key } of this.membersOf(grant)) {
      const command = { type: 'ReleaseResidentBenefit', residentKey: key, entitlementId: grant.entitlementId, releasedAt: grant.grantedAt } as const;
      await executeCommand(this.store, stream, residentBenefitDecider, command, this.withoutInbox(context, 'release'));
    }
  }

  /** One read of the resident's claim stream: the command is built from its state, and a refusal names the holder that state shows. */
  private async claim(grant: GrantEntitlement, member: MemberClaim, context: CommandContext): Promise<ClaimOutcome | undefined> {
    const { entitlementId, applicationId, programme, startMonth } = grant;
    let decidedOn: ResidentBenefitState | undefined;
    const command = async (state: ResidentBenefitState) => {
      decidedOn = state;
      const holderStop = await this.stopOfOtherHolder(state, entitlementId);
      return {
        type: 'ClaimResidentBenefit',
        residentKey: member.key,
        scope: benefitScopeOf(programme),
        holder: { entitlementId, applicationId, programme, startMonth },
        ...(holderStop ? { holderStop } : {}),
        claimedAt: grant.grantedAt,
      } as const;
    };
    try {
      await executeCommand(this.store, member.stream, residentBenefitDecider, command, this.withoutInbox(context, 'claim'));
      return undefined;
    } catch (error) {
      if (!(error instanceof CommandRejectedError) || error.rejection.code !== 'RESIDENT_ALREADY_ON_BENEFIT') throw error;
      return { ok: false, memberId: member.memberId, heldByApplicationId: decidedOn?.holder?.applicationId ?? 'unknown', detail: error.rejection.message };
    }
  }

  /** The month the other holder's entitlement stops being paid, as its own stream says now. */
  private async stopOfOtherHolder(state: ResidentBenefitState, entitlementId: string) {
    const holder = state.holder;
    if (!holder || holder.entitlementId === entitlementId) return undefined;
    const granted = await this.entitlements.loadGranted(holder.entitlementId);
    return granted?.stop ? { entitlementId: holder.entitlementId, stopsFrom: granted.stop.effectiveMonth } : undefined;
  }

  private membersOf(grant: GrantEntitlement): MemberClaim[] {
    const scope = benefitScopeOf(grant.programme);
    return grant.members
      .map((m) => ({ memberId: m.memberId, key: residentKey(m.residentId) }))
      .map((m) => ({ ...m, stream: residentBenefitStream(scope, m.key) }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  /**
   * Claims are not the message's outcome: the inbox record commits with the grant or the refusal.
   * Claim and release of one message get event ids of their own (ids derive from key and stream).
   */
  private withoutInbox(context: CommandContext, step: 'claim' | 'release'): CommandContext {
    const { handledMessage: _inbox, idempotencyKey, ...rest } = context;
    return idempotencyKey ? { ...rest, idempotencyKey: `${idempotencyKey}:${step}` } : rest;
  }
}
