/**
 * One document per stage of an approved temporary case (MongoDB): what a stage run asks for
 * (stages due in a region, not yet issued, by an index on status and date) and what a run's bank
 * file lists. No account numbers here: the file reads them from each case's stream.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { StagePaymentEvent } from '@sa/domain-temporary-assistance';
import type { RecordedEvent } from '@sa/event-store';
import { applyOnce, MONGO, ProjectionRunner } from '@sa/platform';
import { type Connection, type Model, Schema } from 'mongoose';

export interface StageView {
  _id: string;
  caseId: string;
  stageNo: number;
  township: string;
  dueDate: string;
  amountFen: number;
  status: 'scheduled' | 'issued' | 'paid' | 'failed';
  runId?: string;
  instructionId?: string;
  /** How many times the stage was issued again after the bank refused it (absent: never). */
  reissues?: number;
}

const schema = new Schema<StageView>(
  {
    _id: String,
    caseId: String,
    stageNo: Number,
    township: String,
    dueDate: String,
    amountFen: Number,
    status: String,
    runId: { type: String, index: true },
    instructionId: String,
    reissues: Number,
  },
  { collection: 'temporary_stages', versionKey: false, strict: false },
);
schema.index({ status: 1, dueDate: 1, township: 1 });

export const stageKey = (caseId: string, stageNo: number) => `${caseId}:${stageNo}`;

@Injectable()
export class StageReadModel implements OnModuleInit {
  readonly model: Model<StageView>;

  constructor(@Inject(MONGO) mongo: Connection, projections: ProjectionRunner) {
    this.model = mongo.model<StageView>('TemporaryStage', schema);
    projections.register({
      name: 'temporary-stages',
      filter: { streamPrefixes: ['temporary-stages-'] },
      collections: ['temporary_stages'],
      apply: (e) => this.apply(e),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  dueIn(region: string, today: string, limit: number): Promise<StageView[]> {
    return this.model
      .find({ status: 'scheduled', dueDate: { $lte: today }, township: { $regex: `^${region}` } })
      .limit(limit)
      .lean();
  }

  inRun(runId: string): Promise<StageView[]> {
    return this.model.find({ runId }).sort({ _id: 1 }).lean();
  }

  private async apply(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as StagePaymentEvent;
    const d = event.data;
    switch (event.type) {
      case 'StagesScheduled':
        for (const [i, stage] of event.data.stages.entries()) {
          await applyOnce(this.model, stageKey(d.caseId, i + 1), recorded, {
            $set: { caseId: d.caseId, stageNo: i + 1, township: event.data.township, dueDate: stage.dueDate, amountFen: stage.amountFen, status: 'scheduled' },
          });
        }
        return;
      case 'StageInstructionIssued':
        await applyOnce(this.model, stageKey(d.caseId, event.data.stageNo), recorded, {
          $set: { status: 'issued', runId: event.data.runId, instructionId: event.data.instructionId },
        });
        return;
      case 'StagePayeeCorrected':
        for (const stageNo of event.data.reissuedStageNos) {
          await applyOnce(this.model, stageKey(d.caseId, stageNo), recorded, {
            $set: { status: 'scheduled' },
            $inc: { reissues: 1 },
            $unset: { runId: '', instructionId: '' },
          });
        }
        return;
      case 'StagePaid':
      case 'StagePaymentFailed':
        await applyOnce(this.model, stageKey(d.caseId, event.data.stageNo), recorded, { $set: { status: event.type === 'StagePaid' ? 'paid' : 'failed' } });
        return;
    }
  }
}
