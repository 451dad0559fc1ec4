/** The PeriodicReview aggregate (定期核查) as a pure decider: one stream per live case. */
import type { Decider, Decision } from '@sa/domain-shared';
import type { PeriodicReviewCommand } from './commands';
import { decideRecordRecheck, decideReview } from './decision';
import type { PeriodicReviewEvent } from './events';
import { decideLapse, decideOpen, decideScheduleFirst } from './schedule';
import { evolvePeriodicReview, initialPeriodicReviewState, type PeriodicReviewState } from './state';

export function decidePeriodicReview(command: PeriodicReviewCommand, state: PeriodicReviewState): Decision<PeriodicReviewEvent> {
  switch (command.type) {
    case 'ScheduleFirstReview':
      return decideScheduleFirst(command, state);
    case 'OpenReview':
      return decideOpen(command, state);
    case 'RecordRecheck':
      return decideRecordRecheck(command, state);
    case 'LapseReview':
      return decideLapse(command, state);
    case 'DecideReview':
      return decideReview(command, state);
  }
}

export const periodicReviewDecider: Decider<PeriodicReviewCommand, PeriodicReviewEvent, PeriodicReviewState> = {
  initialState: initialPeriodicReviewState,
  decide: decidePeriodicReview,
  evolve: evolvePeriodicReview,
};
