/** The little of RFC 4180 the bank files need: one record per line, quoted fields, CRLF. */

export const crlf = '\r\n';

/**
 * A text field a spreadsheet would run as a formula (CSV injection, OWASP): one starting with =, +,
 * @, a tab or a carriage return, or with - not followed by a digit. It gets a leading apostrophe, so
 * Excel or WPS shows it as text; a negative amount (-12.50) stays a number.
 */
function neutralised(value: string): string {
  return /^[=+@\t\r]|^-(?!\d)/.test(value) ? `'${value}` : value;
}

/** Formulas neutralised, then quoted only when it must be: it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  const text = neutralised(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/** Splits one line into fields; undefined when its quotes do not balance. */
export function splitCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"' && field === '') {
      const end = quotedFieldEnd(line, i);
      if (end === undefined) return undefined;
      field = line.slice(i + 1, end).replace(/""/g, '"');
      i = end + 1;
      if (i < line.length && line[i] !== ',') return undefined;
    } else {
      const comma = line.indexOf(',', i);
      const stop = comma === -1 ? line.length : comma;
      field = line.slice(i, stop);
      if (field.includes('"')) return undefined;
      i = stop;
    }
    fields.push(field);
    field = '';
    i += 1; // past the comma (or past the end)
  }
  return fields;
}

/** Index of the quote closing a quoted field opened at `start`, skipping doubled quotes. */
function quotedFieldEnd(line: string, start: number): number | undefined {
  let i = start + 1;
  while (i < line.length) {
    if (line[i] === '"') {
      if (line[i + 1] === '"') i += 2;
      else return i;
    } else i += 1;
  }
  return undefined;
}

/** Lines of a text file: BOM dropped, CRLF or LF, trailing empty lines ignored. */
export function fileLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
