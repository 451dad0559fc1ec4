/**
 * Text fields of the contracts. Lengths are counted in characters (code points) by the domain's
 * one definition (characterCount / textRuleProblem in libs/domain/shared validation/text.ts, which
 * says why), so the REST edge, the deciders, the relay and every consumer count the same way. zod's
 * own string `.min()/.max()` count UTF-16 units and are not used for text.
 */
import { textRuleProblem, type TextBounds } from '@sa/domain-shared';
import { z } from 'zod';

export { characterCount, textRuleProblem, type TextBounds } from '@sa/domain-shared';

export interface TextFieldBounds extends TextBounds {
  /** Leading and trailing white space is removed before counting (and in the parsed value). Default true. */
  readonly trim?: boolean;
}

/** A string within bounds counted in characters; the bounds also reach the JSON Schema (minLength/maxLength count code points there too). */
export function boundedText(bounds: TextFieldBounds) {
  const base = bounds.trim === false ? z.string() : z.string().trim();
  return base
    .superRefine((value, ctx) => {
      const problem = textRuleProblem(value, bounds);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { rule: 'text' } });
    })
    .meta({ ...(bounds.min ? { minLength: bounds.min } : {}), maxLength: bounds.max });
}

/** Free text with a length limit, so a message never carries a document by accident. */
export function textField(description: string, maxLength = 500) {
  return boundedText({ min: 1, max: maxLength }).meta({ description });
}
