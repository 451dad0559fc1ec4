import { fold, type Decision } from '@sa/domain-shared';
import type { CaseCommand } from './commands';
import { caseDecider } from './decider';
import type { CaseEvent } from './events';
import { actors, applicationId, approve, openCase } from './test-support/case-fixtures';

/** Runs commands one after another the way the command handler does, failing on any rejection. */
function run(commands: CaseCommand[]): CaseEvent[] {
  const history: CaseEvent[] = [];
  for (const command of commands) {
    const decision: Decision<CaseEvent> = caseDecider.decide(command, fold(caseDecider, history));
    if (!decision.ok) throw new Error(`${command.type}: ${decision.rejection.code} ${decision.rejection.message}`);
    history.push(...decision.events);
  }
  return history;
}

describe('a dibao case from check to confirmation', () => {
  const history = run([
    openCase,
    {
      type: 'CompleteTownshipReview',
      applicationId,
      recommendation: 'approve',
      reasons: [],
      reviewedBy: actors.reviewer,
      reviewedAt: '2025-03-12T11:00:00+08:00',
    },
    { type: 'PostPublicNotice', applicationId, startsOn: '2025-03-13', noticeDays: 7, postedBy: actors.reviewer, postedAt: '2025-03-13T08:30:00+08:00' },
    { type: 'LodgeObjection', applicationId, objectionId: 'o-1', summary: '反映有车辆', lodgedAt: '2025-03-14T09:00:00+08:00', recordedBy: actors.intake },
    {
      type: 'ResolveObjection',
      applicationId,
      objectionId: 'o-1',
      outcome: 'dismissed',
      explanation: '车辆已注销',
      resolvedBy: actors.reviewer,
      resolvedAt: '2025-03-17T09:00:00+08:00',
    },
    approve(),
  ]);

  it('records every step in order', () => {
    expect(history.map((e) => e.type)).toEqual([
      'CaseOpened',
      'TownshipReviewCompleted',
      'PublicNoticePosted',
      'ObjectionLodged',
      'ObjectionResolved',
      'CaseApproved',
    ]);
  });

  it('stores plain JSON: the history survives serialisation unchanged and folds to the same state', () => {
    const replayed = JSON.parse(JSON.stringify(history)) as CaseEvent[];
    expect(replayed).toEqual(history);
    expect(fold(caseDecider, replayed)).toEqual(fold(caseDecider, history));
    expect(fold(caseDecider, history).phase).toBe('approved');
  });
});
