import type { Actor } from '@sa/domain-shared';
import type { NearRelativeCaseFlagged } from './events';
import type { NearRelativeDeclaration } from './household';

/** The flag event when a near relation is declared and the case is not flagged yet; none otherwise. */
export function nearRelativeFlag(
  applicationId: string,
  declaration: NearRelativeDeclaration,
  alreadyFlagged: boolean,
  by: Actor,
  at: string,
): NearRelativeCaseFlagged[] {
  if (!declaration.declared || alreadyFlagged) return [];
  return [
    {
      type: 'NearRelativeCaseFlagged',
      data: { applicationId, relationToStaff: declaration.relationToStaff, staffPost: declaration.staffPost, flaggedBy: by, flaggedAt: at },
    },
  ];
}
