/**
 * The disbursement file (代发文件) sent to the bank for a payroll run: a header, one line per
 * payment instruction with the amount in yuan (two decimals, from integer fen), and a control line
 * with the count and the sum in fen so the bank can detect a truncated or altered file.
 *
 *   instructionId,accountHolder,accountNumber,amountYuan,reference
 *   7c9e…,王秀英,6228480012345678901,2127.00,低保金2025-04
 *   TOTAL,1,212700
 *
 * The bank needs full account numbers; a masked copy serves for review and filing (花名册 checks)
 * without exposing them.
 */
import { fen, formatYuan, zeroFen, type Fen } from '@sa/domain-shared';
import { crlf, csvLine } from './csv';

export const disbursementHeader = ['instructionId', 'accountHolder', 'accountNumber', 'amountYuan', 'reference'] as const;

export const controlTotalMarker = 'TOTAL';

export type AccountNumberDisplay = 'full' | 'masked';

export interface DisbursementFileOptions {
  readonly accountNumbers?: AccountNumberDisplay;
}

/** Keeps the first and last four digits (the last four only for short numbers). */
export function maskAccountNumber(accountNumber: string): string {
  const n = accountNumber.length;
  if (n <= 4) return '*'.repeat(n);
  if (n <= 12) return `${'*'.repeat(n - 4)}${accountNumber.slice(-4)}`;
  return `${accountNumber.slice(0, 4)}${'*'.repeat(n - 8)}${accountNumber.slice(-4)}`;
}

/** The file's lines one at a time, so a run of a million instructions is streamed, never built in memory. */
export function disbursementHeaderLine(): string {
  return csvLine(disbursementHeader) + crlf;
}

/** What a file line shows of an instruction: payroll's, or any one-off payment's (a temporary-assistance stage). */
export interface DisbursementInstruction {
  readonly instructionId: string;
  readonly payee: { readonly accountHolder: string; readonly accountNumber: string };
  readonly amountFen: Fen;
  readonly reference: string;
}

export function disbursementLine(i: DisbursementInstruction, display: AccountNumberDisplay = 'full'): string {
  const account = display === 'full' ? i.payee.accountNumber : maskAccountNumber(i.payee.accountNumber);
  return csvLine([i.instructionId, i.payee.accountHolder, account, formatYuan(i.amountFen), i.reference]) + crlf;
}

export function disbursementControlLine(count: number, totalFen: Fen): string {
  return csvLine([controlTotalMarker, String(count), String(totalFen)]) + crlf;
}

export function formatDisbursementFile(instructions: ReadonlyArray<DisbursementInstruction>, options: DisbursementFileOptions = {}): string {
  const display = options.accountNumbers ?? 'full';
  const total = instructions.reduce((sum, i) => fen(sum + i.amountFen), zeroFen);
  return disbursementHeaderLine() + instructions.map((i) => disbursementLine(i, display)).join('') + disbursementControlLine(instructions.length, total);
}
