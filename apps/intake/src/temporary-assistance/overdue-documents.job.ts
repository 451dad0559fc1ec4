/**
 * The 'temporary-documents-overdue' job: an urgent payment (先行救助) whose documents did not come
 * within the policy's working days is flagged on the case, once. Idempotent: a case whose documents
 * came or that was flagged meanwhile is refused by the decider and skipped.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { chinaDate } from '@sa/domain-shared';
import { CommandRejectedError, type JobScope, type Logger, LOGGER, Scheduler } from '@sa/platform';
import { TemporaryCaseCommands } from './temporary-case-commands';
import { TemporaryCaseReadModel } from './temporary-case-read-model';

export const overdueDocumentsJob = 'temporary-documents-overdue';
const batchSize = 200;

@Injectable()
export class OverdueDocuments implements OnModuleInit {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly readModel: TemporaryCaseReadModel,
    private readonly commands: TemporaryCaseCommands,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.scheduler.register(overdueDocumentsJob, (now, scope) => this.run(now, scope), { regional: true });
  }

  async run(now: Date, scope: JobScope = {}): Promise<{ flagged: number; skipped: number; failed: number }> {
    const result = { flagged: 0, skipped: 0, failed: 0 };
    const today = chinaDate(now);
    for (const due of await this.readModel.overdue(today, batchSize, scope.region)) {
      const actor = { userId: 'intake-service', role: 'county-system', orgUnit: due.township } as const;
      try {
        await this.commands.execute(due._id, { type: 'FlagDocumentsOverdue', caseId: due._id, today, flaggedBy: actor, flaggedAt: now.toISOString() }, actor, {
          idempotencyKey: `overdue-${due._id}`,
        });
        result.flagged++;
      } catch (error) {
        if (error instanceof CommandRejectedError) result.skipped++;
        else {
          result.failed++;
          this.logger.error({ err: error, caseId: due._id }, 'flagging overdue documents failed');
        }
      }
    }
    return result;
  }
}
