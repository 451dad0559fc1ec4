/**
 * The bank's result file (回盘文件) for a disbursement: one line per instruction, paid or failed with
 * the bank's reason code, and the same control line as the disbursement file.
 *
 *   instructionId,result,amountYuan,reasonCode,reasonText,settledAt
 *   7c9e…,paid,2127.00,,,2025-04-09T15:20:00+08:00
 *   2b1d…,failed,2427.00,ACCOUNT_CLOSED,账户已销户,2025-04-09T15:20:00+08:00
 *   TOTAL,2,454400
 *
 * The parser never throws: it returns typed results, or every problem with its line number, so a
 * payments officer can send the bank one complete list of what is wrong.
 */
import { fen, yuanToFen, type Fen } from '@sa/domain-shared';
import { isInstant } from '../validation';
import { PackedIdTable } from '../payroll/packed-ids';
import { controlTotalMarker } from './bank-file';
import { fileLines, splitCsvLine } from './csv';

export const bankResultHeader = ['instructionId', 'result', 'amountYuan', 'reasonCode', 'reasonText', 'settledAt'] as const;

export interface BankResult {
  /** Line in the file, for messages. */
  readonly line: number;
  readonly instructionId: string;
  readonly outcome: 'paid' | 'failed';
  readonly amountFen: Fen;
  /** The bank's reason code, e.g. ACCOUNT_CLOSED, NAME_MISMATCH, ACCOUNT_FROZEN; failed lines only. */
  readonly reasonCode?: string;
  readonly reasonText?: string;
  readonly settledAt: string;
}

export type BankFileErrorCode =
  | 'EMPTY_FILE'
  | 'INVALID_HEADER'
  | 'MALFORMED_LINE'
  | 'WRONG_FIELD_COUNT'
  | 'INVALID_INSTRUCTION_ID'
  | 'INVALID_RESULT'
  | 'INVALID_AMOUNT'
  | 'REASON_CODE_REQUIRED'
  | 'REASON_CODE_NOT_EXPECTED'
  | 'INVALID_SETTLED_AT'
  | 'DUPLICATE_INSTRUCTION'
  | 'MISSING_CONTROL_TOTAL'
  | 'INVALID_CONTROL_TOTAL'
  | 'CONTROL_TOTAL_MISMATCH'
  | 'CONTENT_AFTER_CONTROL_TOTAL';

export interface BankFileError {
  readonly line: number;
  readonly code: BankFileErrorCode;
  readonly message: string;
  readonly field?: string;
}

export type BankResultFile =
  | { readonly ok: true; readonly results: readonly BankResult[]; readonly control: { readonly count: number; readonly sumFen: Fen } }
  | { readonly ok: false; readonly errors: readonly BankFileError[] };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const reasonCodePattern = /^[A-Za-z0-9_-]{1,32}$/;

export function parseBankResultFile(text: string): BankResultFile {
  const reader = new BankResultFileReader();
  for (const line of fileLines(text)) reader.line(line);
  return reader.finish();
}

/**
 * The same parser a line at a time, for a file read as it arrives (a city's file holds a million
 * lines): `line` for each line in order (BOM and CR already dropped or not), then `finish`. Empty
 * lines at the end are ignored, as fileLines does; results are kept, the text is not.
 */
export class BankResultFileReader {
  private readonly errors: BankFileError[] = [];
  private results: BankResult[] = [];
  /** Instruction ids seen so far, packed (a million lines: ~25 MB, not a Set of a million strings). */
  private readonly seen = new PackedIdTable();
  /** Count and sum of every result line, for the control line (results may have been taken already). */
  private count = 0;
  private sumFen = 0;
  private control: { count: number; sumFen: Fen } | undefined;
  private lineNo = 0;
  /** Empty lines not yet known to be trailing (they are errors only if something follows). */
  private heldEmpty = 0;
  private headerOk = false;

  line(raw: string): void {
    const text = (this.lineNo === 0 && this.heldEmpty === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '');
    if (text === '') {
      this.heldEmpty += 1;
      return;
    }
    while (this.heldEmpty > 0) {
      this.heldEmpty -= 1;
      this.take('');
    }
    this.take(text);
  }

  /** Results read since the last call, handed over and no longer kept (a file read chunk by chunk); `finish` answers only the rest. */
  takeResults(): BankResult[] {
    const taken = this.results;
    this.results = [];
    return taken;
  }

  /** Results read and not yet taken. */
  get pending(): number {
    return this.results.length;
  }

  finish(): BankResultFile {
    const lines = this.lineNo;
    if (lines === 0) return failed([{ line: 1, code: 'EMPTY_FILE', message: 'the file is empty' }]);
    if (!this.headerOk) return failed([{ line: 1, code: 'INVALID_HEADER', message: `the first line must be ${bankResultHeader.join(',')}` }]);
    const errors = this.errors;
    if (!this.control)
      errors.push({ line: lines + 1, code: 'MISSING_CONTROL_TOTAL', message: `the file must end with ${controlTotalMarker},<count>,<sum in fen>` });
    else checkControl(this.control, { count: this.count, sumFen: fen(this.sumFen) }, lines, errors);
    return errors.length > 0 ? failed(errors) : { ok: true, results: this.results, control: this.control as { count: number; sumFen: Fen } };
  }

  private take(text: string): void {
    const lineNo = ++this.lineNo;
    if (lineNo === 1) {
      const header = splitCsvLine(text);
      this.headerOk = header !== undefined && header.join(',') === bankResultHeader.join(',');
      return;
    }
    // After a wrong header the lines are not read: the header is the one thing to fix.
    if (!this.headerOk) return;
    const errors = this.errors;
    const fields = splitCsvLine(text);
    if (!fields) {
      errors.push({ line: lineNo, code: 'MALFORMED_LINE', message: 'quotes do not balance' });
    } else if (this.control) {
      errors.push({ line: lineNo, code: 'CONTENT_AFTER_CONTROL_TOTAL', message: 'nothing may follow the control line' });
    } else if (fields[0] === controlTotalMarker) {
      this.control = parseControl(fields, lineNo, errors);
    } else {
      const result = parseResultLine(fields, lineNo, errors);
      if (result && this.seen.indexOf(result.instructionId) >= 0) {
        errors.push({
          line: lineNo,
          code: 'DUPLICATE_INSTRUCTION',
          message: `instruction ${result.instructionId} appears more than once`,
          field: 'instructionId',
        });
      } else if (result) {
        this.seen.push(result.instructionId);
        this.results.push(result);
        this.count += 1;
        this.sumFen += result.amountFen;
      }
    }
  }
}

function parseResultLine(fields: string[], line: number, errors: BankFileError[]): BankResult | undefined {
  if (fields.length !== bankResultHeader.length) {
    errors.push({ line, code: 'WRONG_FIELD_COUNT', message: `expected ${bankResultHeader.length} fields, found ${fields.length}` });
    return undefined;
  }
  const [rawId, result, amountYuan, reasonCode, reasonText, settledAt] = fields.map((f) => f.trim()) as [string, string, string, string, string, string];
  const before = errors.length;
  const err = (code: BankFileErrorCode, message: string, field: string) => errors.push({ line, code, message, field });
  const instructionId = rawId.toLowerCase();
  if (!uuidPattern.test(instructionId)) err('INVALID_INSTRUCTION_ID', 'must be the instruction id (UUID) from the disbursement file', 'instructionId');
  if (result !== 'paid' && result !== 'failed') err('INVALID_RESULT', 'must be paid or failed', 'result');
  const amountFen = parseAmount(amountYuan);
  if (amountFen === undefined) err('INVALID_AMOUNT', 'must be a positive amount in yuan with two decimals', 'amountYuan');
  if (result === 'failed' && !reasonCodePattern.test(reasonCode))
    err('REASON_CODE_REQUIRED', 'a failed payment needs the bank\u2019s reason code', 'reasonCode');
  if (result === 'paid' && reasonCode !== '') err('REASON_CODE_NOT_EXPECTED', 'a paid line carries no reason code', 'reasonCode');
  if (!isInstant(settledAt)) err('INVALID_SETTLED_AT', 'must be an ISO 8601 date-time with Z or an offset', 'settledAt');
  if (errors.length > before) return undefined;
  const outcome = result as BankResult['outcome'];
  return {
    line,
    instructionId,
    outcome,
    amountFen: amountFen as Fen,
    ...(outcome === 'failed' ? { reasonCode } : {}),
    ...(outcome === 'failed' && reasonText !== '' ? { reasonText } : {}),
    settledAt,
  };
}

/** Two decimals exactly, as the disbursement file wrote them; parsed through strings, never floats. */
function parseAmount(value: string): Fen | undefined {
  if (!/^\d+\.\d{2}$/.test(value)) return undefined;
  const amount = yuanToFen(value);
  return amount > 0 ? amount : undefined;
}

function parseControl(fields: string[], line: number, errors: BankFileError[]): { count: number; sumFen: Fen } {
  const [, count, sum] = fields;
  if (fields.length !== 3 || !/^\d+$/.test(count ?? '') || !/^\d+$/.test(sum ?? '')) {
    errors.push({ line, code: 'INVALID_CONTROL_TOTAL', message: `must be ${controlTotalMarker},<count>,<sum in fen>` });
    return { count: -1, sumFen: fen(-1) };
  }
  return { count: Number(count), sumFen: fen(Number(sum)) };
}

function checkControl(control: { count: number; sumFen: Fen }, read: { count: number; sumFen: Fen }, controlLine: number, errors: BankFileError[]): void {
  // Only meaningful when every line parsed; otherwise the line errors already say what is wrong.
  if (errors.length > 0) return;
  const sum = read.sumFen;
  if (control.count !== read.count || control.sumFen !== sum) {
    errors.push({
      line: controlLine,
      code: 'CONTROL_TOTAL_MISMATCH',
      message: `the control line says ${control.count} lines and ${control.sumFen} fen; the file holds ${read.count} lines and ${sum} fen`,
    });
  }
}

function failed(errors: BankFileError[]): BankResultFile {
  return { ok: false, errors };
}
