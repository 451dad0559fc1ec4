import { characterCount, textRuleProblem } from './text';

describe('text length: one definition, in characters (code points)', () => {
  it('counts an astral character such as 𠮷 as one character, not two UTF-16 units', () => {
    const name = '𠮷'.repeat(60);
    expect(name.length).toBe(120);
    expect(characterCount(name)).toBe(60);
  });

  it('counts a combining mark as a character of its own, as PostgreSQL char_length does', () => {
    expect(characterCount('e\u0301')).toBe(2);
    expect(characterCount('é')).toBe(1);
    expect(characterCount('')).toBe(0);
  });

  it('accepts exactly the limit in characters and refuses one more, naming the rule', () => {
    expect(textRuleProblem('𠮷'.repeat(100), { min: 1, max: 100 })).toBeUndefined();
    expect(textRuleProblem('𠮷'.repeat(101), { min: 1, max: 100 })).toBe('must be at most 100 characters');
    expect(textRuleProblem('', { min: 1, max: 100 })).toBe('must not be empty');
    expect(textRuleProblem('ab', { min: 3, max: 100 })).toBe('must have at least 3 characters');
  });

  it('refuses NUL and a lone surrogate, which PostgreSQL cannot store, and keeps a well-formed pair', () => {
    expect(textRuleProblem('王\u0000芳', { max: 10 })).toMatch(/NUL/);
    expect(textRuleProblem('\uD842', { max: 10 })).toMatch(/lone UTF-16 surrogate/);
    expect(textRuleProblem('a\uDFB7', { max: 10 })).toMatch(/lone UTF-16 surrogate/);
    expect(textRuleProblem('\uD842\uDFB7', { max: 1 })).toBeUndefined();
  });
});
