import { fen } from '@sa/domain-shared';
import type { PaymentInstructionIssued } from '../payroll/events';
import { formatDisbursementFile, maskAccountNumber } from './bank-file';

function instruction(instructionId: string, accountHolder: string, accountNumber: string, amountFen: number): PaymentInstructionIssued['data'] {
  return {
    payrollId: 'run',
    instructionId,
    entitlementId: `e-${instructionId}`,
    applicationId: `a-${instructionId}`,
    programme: 'dibao',
    region: '330102001001' as never,
    month: '2025-05',
    amountFen: fen(amountFen),
    payee: { bankName: '杭州联合农村商业银行', accountHolder, accountNumber },
    reference: '低保金2025-05',
    issuedAt: '2025-05-08T09:00:00+08:00',
  };
}

const instructions = [instruction('i-1', '王秀英', '6228480012345678901', 212_700), instruction('i-2', '李明', '62170000123456', 5)];

describe('bank disbursement file', () => {
  it('writes a header, one line per instruction in yuan, and a control line in fen', () => {
    expect(formatDisbursementFile(instructions)).toBe(
      [
        'instructionId,accountHolder,accountNumber,amountYuan,reference',
        'i-1,王秀英,6228480012345678901,2127.00,低保金2025-05',
        'i-2,李明,62170000123456,0.05,低保金2025-05',
        'TOTAL,2,212705',
        '',
      ].join('\r\n'),
    );
  });

  it('masks account numbers for copies that are not sent to the bank', () => {
    const masked = formatDisbursementFile(instructions, { accountNumbers: 'masked' });
    expect(masked).toContain('i-1,王秀英,6228***********8901,2127.00');
    expect(masked).not.toContain('6228480012345678901');
    expect(maskAccountNumber('12345678')).toBe('****5678');
  });

  it('quotes fields that would break the line', () => {
    expect(formatDisbursementFile([instruction('i-3', 'Smith, "Jo"', '62170000123456', 100)])).toContain('i-3,"Smith, ""Jo""",62170000123456,1.00');
  });

  it('writes an empty run as header and a zero control line', () => {
    expect(formatDisbursementFile([])).toBe('instructionId,accountHolder,accountNumber,amountYuan,reference\r\nTOTAL,0,0\r\n');
  });
});
