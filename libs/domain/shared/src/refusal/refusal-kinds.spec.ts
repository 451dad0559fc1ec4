import { refusalOf, reject } from '../decider/decider';
import type { RefusalCodes } from './refusal-kinds';

const folderRefusals = { FOLDER_NOT_FOUND: 'not-found', FOLDER_ALREADY_OPEN: 'conflict' } as const satisfies RefusalCodes;
const problem = refusalOf(folderRefusals);

describe("a domain's refusal codes, declared once with their kind", () => {
  it('gives each refusal the kind its code was declared with', () => {
    // Given the folder's declaration; When it refuses with either code; Then the refusal carries that code's kind
    expect(problem('FOLDER_NOT_FOUND', 'no such folder', 'folderId')).toEqual({
      code: 'FOLDER_NOT_FOUND',
      kind: 'not-found',
      message: 'no such folder',
      field: 'folderId',
    });
    expect(reject(problem('FOLDER_ALREADY_OPEN', 'open already'))).toEqual({
      ok: false,
      rejection: { code: 'FOLDER_ALREADY_OPEN', kind: 'conflict', message: 'open already' },
    });
  });

  it('refuses an undeclared code at compile time (tsc checks this file)', () => {
    // @ts-expect-error FOLDER_LOST is not declared, so no decider can refuse with it
    const undeclared = problem('FOLDER_LOST', 'lost');
    expect(undeclared.kind).toBeUndefined();
  });
});
