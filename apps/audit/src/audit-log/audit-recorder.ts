/**
 * Runs an audit query and records it — answered, refused (outside the auditor's jurisdiction), not
 * found or failed — before anything is returned. If the record of an answer cannot be written the
 * caller gets an error, never an unrecorded answer; the record of a failure is written if it can be,
 * and the failure is what the caller gets either way.
 */
import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { AuditQuery, AuditQueryRecord } from '@sa/domain-audit';
import type { Actor } from '@sa/domain-shared';
import { isInJurisdiction } from '@sa/platform';
import type { AuditLog } from './audit-log';

export interface AuditQueryRequest {
  readonly actor: Actor;
  readonly channel: AuditQueryRecord['channel'];
  readonly query: AuditQuery;
  readonly applicationId?: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
}

export interface AuditAnswer<T> {
  readonly value: T;
  readonly region?: string;
  /** Figures about the answer for the log (counts, verdicts), never personal data. */
  readonly result: Readonly<Record<string, unknown>>;
}

/** A case outside the auditor's region: refused, and the refusal names where the case is. */
export class OutsideJurisdictionError extends ForbiddenException {
  constructor(
    readonly region: string | undefined,
    orgUnit: string,
  ) {
    super(
      region
        ? `case region ${region} is outside the jurisdiction of organisation unit ${orgUnit}`
        : `the case's region is not recorded, so organisation unit ${orgUnit} may not see it`,
    );
  }
}

export function assertCaseInJurisdiction(actor: Actor, region: string | undefined): void {
  if (!region || !isInJurisdiction(actor, region)) throw new OutsideJurisdictionError(region, actor.orgUnit);
}

export class AuditRecorder {
  constructor(
    private readonly log: AuditLog,
    private readonly now: () => Date,
  ) {}

  async run<T>(request: AuditQueryRequest, work: () => Promise<AuditAnswer<T>>): Promise<T> {
    const base = {
      query: request.query,
      auditedBy: { userId: request.actor.userId, role: request.actor.role, orgUnit: request.actor.orgUnit },
      queriedAt: this.now().toISOString(),
      channel: request.channel,
      ...(request.applicationId ? { applicationId: request.applicationId } : {}),
      parameters: request.parameters ?? {},
    };
    let answer: AuditAnswer<T>;
    try {
      answer = await work();
    } catch (error) {
      if (error instanceof OutsideJurisdictionError) {
        await this.log.record({ ...base, outcome: 'refused', ...(error.region ? { region: error.region } : {}), result: { reason: error.message } });
      } else if (error instanceof NotFoundException) {
        await this.log.record({ ...base, outcome: 'not-found', result: {} });
      } else {
        // The attempt is a fact worth keeping; if the log itself is what failed, the caller hears the original error.
        await this.log.record({ ...base, outcome: 'failed', result: { error: describe(error) } }).catch(() => undefined);
      }
      throw error;
    }
    await this.log.record({ ...base, outcome: 'answered', ...(answer.region ? { region: answer.region } : {}), result: answer.result });
    return answer.value;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
