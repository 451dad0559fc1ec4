/**
 * String length, ONE definition for every producer and consumer: a length is counted in Unicode
 * characters (code points), never in UTF-16 units. People type characters; PostgreSQL's
 * char_length and every display count code points; JSON Schema's minLength/maxLength (which the
 * AsyncAPI document carries) count them too. So 𠮷 (U+20BB7, two UTF-16 units) is one character,
 * and a combining mark is a code point of its own ("é" typed as e + U+0301 is two characters, as
 * PostgreSQL counts it). JavaScript's `.length` and zod's string `.min()/.max()` count UTF-16
 * units: that difference is how intake once accepted a name approval then refused, so neither is
 * used for a text rule; the contracts (libs/contracts fields/text.ts) and the deciders use this.
 */

/** Characters (code points) in a string. */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

// A UTF-16 surrogate without its partner is no character at all; PostgreSQL's jsonb refuses it.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextBounds {
  /** Fewest characters (default 0). */
  readonly min?: number;
  /** Most characters. */
  readonly max: number;
}

/** The rule a text breaks, in words, or undefined. Refuses NUL and lone surrogates (PostgreSQL cannot store either). */
export function textRuleProblem(value: string, bounds: TextBounds): string | undefined {
  const min = bounds.min ?? 0;
  if (value.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (loneSurrogate.test(value)) return 'must be well-formed Unicode (no lone UTF-16 surrogate)';
  const length = characterCount(value);
  if (length < min) return min === 1 ? 'must not be empty' : `must have at least ${min} characters`;
  if (length > bounds.max) return `must be at most ${bounds.max} characters`;
  return undefined;
}
