/**
 * 一次审批、分阶段救助 at payments: an approval's stages are scheduled on the case's stage stream;
 * a stage run issues every due stage in a region as one payment instruction (a deterministic id,
 * and the decider refuses a stage already issued, so a retry, a second run or a replay never pays
 * twice); the bank file uses payroll's format; the bank's result file settles each stage.
 */
import { Inject, Injectable } from '@nestjs/common';
import { chinaDate, type Actor } from '@sa/domain-shared';
import { parseBankResultFile } from '@sa/domain-payments';
import { stagePaymentDecider, type StagePaymentCommand, type StagePaymentState } from '@sa/domain-temporary-assistance';
import type { EventStore } from '@sa/event-store';
import { Clock, CommandRejectedError, deterministicUuid, EVENT_STORE, executeCommand, loadAggregate, type CommandContext } from '@sa/platform';
import { StageReadModel } from './stage-read-model';

export const stageStream = (caseId: string) => `temporary-stages-${caseId}`;
const batchSize = 500;

export interface IssuedLine {
  readonly caseId: string;
  readonly stageNo: number;
  readonly instructionId: string;
  readonly amountFen: number;
}

@Injectable()
export class StagePayments {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: StageReadModel,
    private readonly clock: Clock,
  ) {}

  execute(caseId: string, command: StagePaymentCommand, context: CommandContext) {
    return executeCommand(this.store, stageStream(caseId), stagePaymentDecider, command, context);
  }

  /** Issues every stage due today or earlier in the region; the run id is the region and day. */
  async run(region: string, actor: Actor): Promise<{ runId: string; date: string; issued: number; skipped: number; instructions: IssuedLine[] }> {
    const date = chinaDate(this.clock.now());
    const runId = `stages-${region}-${date}`;
    const result = { runId, date, issued: 0, skipped: 0, instructions: [] as IssuedLine[] };
    for (const due of await this.readModel.dueIn(region, date, batchSize)) {
      // A stage issued again after the bank refused it gets a new id: the refused instruction paid nothing.
      const attempt = (due.reissues ?? 0) + 1;
      const instructionId =
        attempt === 1
          ? deterministicUuid('temporary-stage', due.caseId, String(due.stageNo))
          : deterministicUuid('temporary-stage', due.caseId, String(due.stageNo), `attempt-${attempt}`);
      try {
        await this.execute(
          due.caseId,
          { type: 'IssueStageInstruction', caseId: due.caseId, stageNo: due.stageNo, instructionId, runId, today: date },
          { actor, correlationId: due.caseId },
        );
        result.issued++;
        result.instructions.push({ caseId: due.caseId, stageNo: due.stageNo, instructionId, amountFen: due.amountFen });
      } catch (error) {
        // Issued by an earlier run that the read model has not caught up with yet: never twice.
        if (!(error instanceof CommandRejectedError)) throw error;
        result.skipped++;
      }
    }
    return result;
  }

  /** The run's instructions as issued, each from its case's stream (account numbers live only there). */
  async issuedInRun(runId: string) {
    const lines = [];
    for (const stage of await this.readModel.inRun(runId)) {
      const { state } = await loadAggregate(this.store, stageStream(stage.caseId), stagePaymentDecider);
      const line = instructionOf(state, stage.stageNo, runId);
      if (line) lines.push(line);
    }
    return lines;
  }

  async recordResults(
    runId: string,
    file: string,
    actor: Actor,
  ): Promise<{ runId: string; paid: number; failed: number; alreadyRecorded: number } | { problems: string[] }> {
    const parsed = parseBankResultFile(file);
    if (!parsed.ok) return { problems: parsed.errors.map((e) => `line ${e.line}: ${e.message}`) };
    const byInstruction = new Map((await this.readModel.inRun(runId)).map((s) => [s.instructionId, s]));
    const outcome = { runId, paid: 0, failed: 0, alreadyRecorded: 0 };
    for (const r of parsed.results) {
      const stage = byInstruction.get(r.instructionId);
      if (!stage) return { problems: [`line ${r.line}: instruction ${r.instructionId} is not in run ${runId}`] };
      try {
        await this.execute(
          stage.caseId,
          {
            type: 'RecordStageResult',
            caseId: stage.caseId,
            instructionId: r.instructionId,
            outcome: r.outcome,
            ...(r.reasonText ? { reason: `${r.reasonCode ?? ''} ${r.reasonText}`.trim() } : {}),
            recordedAt: r.settledAt,
          },
          { actor, correlationId: stage.caseId, idempotencyKey: `${r.instructionId}:${r.outcome}` },
        );
        outcome[r.outcome]++;
      } catch (error) {
        if (!(error instanceof CommandRejectedError)) throw error;
        outcome.alreadyRecorded++;
      }
    }
    return outcome;
  }
}

function instructionOf(state: StagePaymentState, stageNo: number, runId: string) {
  if (state.status !== 'scheduled') return undefined;
  const stage = state.stages.find((s) => s.stageNo === stageNo);
  if (!stage?.instructionId) return undefined;
  const reference = `临时救助${state.caseId.slice(0, 8)}第${stageNo}期`;
  return { instructionId: stage.instructionId, payee: state.payee, amountFen: stage.amountFen, reference, runId };
}
