import { fen, given } from '@sa/domain-shared';
import type { ScheduleStages } from './commands';
import { stagePaymentDecider } from './decider';
import type { StagePaymentEvent } from './events';

const payee = { accountHolder: '李明', accountNumber: '6222000012345678' };
const schedule: ScheduleStages = {
  type: 'ScheduleStages',
  caseId: 'ta-1-abcdef',
  township: '331002001',
  payee,
  stages: [
    { dueDate: '2026-03-10', amountFen: fen(260_000) },
    { dueDate: '2026-04-10', amountFen: fen(260_000) },
  ],
  approvedAt: '2026-03-10T01:00:00Z',
};
const { type: _s, ...scheduleData } = schedule;
const scheduled: StagePaymentEvent = { type: 'StagesScheduled', data: scheduleData };
const issue = { type: 'IssueStageInstruction' as const, caseId: 'ta-1-abcdef', stageNo: 1, instructionId: 'i-1', runId: 'run-0310', today: '2026-03-10' };
const issued: StagePaymentEvent = {
  type: 'StageInstructionIssued',
  data: {
    caseId: 'ta-1-abcdef',
    stageNo: 1,
    runId: 'run-0310',
    instructionId: 'i-1',
    payee,
    amountFen: fen(260_000),
    dueDate: '2026-03-10',
    reference: '临时救助ta-1-abc第1期',
  },
};

describe('one approval, staged payments (一次审批、分阶段救助)', () => {
  it('issues a stage on or after its date, exactly once', () => {
    given(stagePaymentDecider, [scheduled]).when(issue).then([issued]);
    given(stagePaymentDecider, [scheduled, issued])
      .when({ ...issue, instructionId: 'i-2', runId: 'run-again' })
      .thenRejects('STAGE_ALREADY_ISSUED');
    given(stagePaymentDecider, [scheduled])
      .when({ ...issue, stageNo: 2 })
      .thenRejects('STAGE_NOT_DUE');
    given(stagePaymentDecider, [scheduled])
      .when({ ...issue, stageNo: 3 })
      .thenRejects('STAGE_NOT_FOUND');
    given(stagePaymentDecider, [scheduled]).when(schedule).thenRejects('STAGES_ALREADY_SCHEDULED');
  });

  it('records the bank result of each stage once', () => {
    const result = {
      type: 'RecordStageResult' as const,
      caseId: 'ta-1-abcdef',
      instructionId: 'i-1',
      outcome: 'paid' as const,
      recordedAt: '2026-03-11T02:00:00Z',
    };
    const paid: StagePaymentEvent = { type: 'StagePaid', data: { caseId: 'ta-1-abcdef', stageNo: 1, instructionId: 'i-1', recordedAt: result.recordedAt } };
    given(stagePaymentDecider, [scheduled, issued]).when(result).then([paid]);
    given(stagePaymentDecider, [scheduled, issued, paid]).when(result).thenRejects('STAGE_RESULT_ALREADY_RECORDED');
    given(stagePaymentDecider, [scheduled]).when(result).thenRejects('STAGE_NOT_ISSUED');
    given(stagePaymentDecider, [scheduled, issued])
      .when({ ...result, outcome: 'failed', reason: 'account closed' })
      .then([
        {
          type: 'StagePaymentFailed',
          data: { caseId: 'ta-1-abcdef', stageNo: 1, instructionId: 'i-1', reason: 'account closed', recordedAt: result.recordedAt },
        },
      ]);
  });

  it('issues a stage the bank refused again, to the corrected account, under a new instruction; the old instruction settles nothing', () => {
    const failed: StagePaymentEvent = {
      type: 'StagePaymentFailed',
      data: { caseId: 'ta-1-abcdef', stageNo: 1, instructionId: 'i-1', reason: 'account closed', recordedAt: '2026-03-11T02:00:00Z' },
    };
    const newPayee = { accountHolder: '李明', accountNumber: '6217000098765432' };
    const correct = {
      type: 'CorrectStagePayee' as const,
      caseId: 'ta-1-abcdef',
      payee: newPayee,
      reason: '原账户已销户',
      correctedBy: { userId: 'sun.hui', role: 'payments-officer' as const, orgUnit: '331002' },
      correctedAt: '2026-03-12T02:00:00Z',
    };
    const { type: _c, ...correctData } = correct;
    const corrected: StagePaymentEvent = { type: 'StagePayeeCorrected', data: { ...correctData, reissuedStageNos: [1] } };
    // Given stage 1 refused by the bank, when the account is corrected, then stage 1 is to be issued again
    given(stagePaymentDecider, [scheduled, issued, failed]).when(correct).then([corrected]);
    // and the next run issues it to the new account under a new id, once
    const again = { ...issue, instructionId: 'i-1-2', runId: 'run-0312', today: '2026-03-12' };
    given(stagePaymentDecider, [scheduled, issued, failed, corrected])
      .when(again)
      .then([{ ...issued, data: { ...issued.data, instructionId: 'i-1-2', runId: 'run-0312', payee: newPayee } }]);
    // while a late result for the refused instruction settles nothing
    given(stagePaymentDecider, [scheduled, issued, failed, corrected])
      .when({ type: 'RecordStageResult', caseId: 'ta-1-abcdef', instructionId: 'i-1', outcome: 'paid', recordedAt: '2026-03-13T02:00:00Z' })
      .thenRejects('STAGE_NOT_ISSUED');
    // A correction needs a real account and a reason
    given(stagePaymentDecider, [scheduled, issued, failed])
      .when({ ...correct, payee: { accountHolder: '李明', accountNumber: '12' } })
      .thenRejects('INVALID_PAYEE');
    given(stagePaymentDecider, [scheduled, issued, failed])
      .when({ ...correct, reason: ' ' })
      .thenRejects('REASONS_REQUIRED');
  });
});
