import { birthDateOf, checkCharacter, maskResidentId, parseResidentId, residentIdProblem } from './resident-id';

describe('resident ID (GB 11643)', () => {
  it('accepts the standard example and its check character X', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(residentIdProblem('11010519491231002X')).toBeUndefined();
    expect(parseResidentId('11010519491231002x')).toBe('11010519491231002X');
  });

  it('names the rule an invalid ID breaks', () => {
    expect(residentIdProblem('110105194912310021')).toBe('check-digit');
    expect(residentIdProblem('11010519491331002X')).toBe('birth-date');
    expect(residentIdProblem('1101051949123100')).toBe('format');
    expect(() => parseResidentId('110105194912310021')).toThrow(/check character/);
  });

  it('reads the birth date and masks everything personal', () => {
    const id = parseResidentId('11010519491231002X');
    expect(birthDateOf(id)).toBe('1949-12-31');
    expect(maskResidentId(id)).toBe('110105************');
  });
});
