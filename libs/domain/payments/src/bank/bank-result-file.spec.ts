import { parseBankResultFile } from './bank-result-file';

const idA = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const idB = '2b1d3c4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
const header = 'instructionId,result,amountYuan,reasonCode,reasonText,settledAt';

function file(...lines: string[]): string {
  return [header, ...lines].join('\r\n') + '\r\n';
}

describe('bank result file', () => {
  it('returns typed results for paid and failed lines', () => {
    const parsed = parseBankResultFile(
      file(`${idA},paid,2127.00,,,2025-05-09T15:20:00+08:00`, `${idB},failed,1547.00,ACCOUNT_CLOSED,账户已销户,2025-05-09T15:21:00+08:00`, 'TOTAL,2,367400'),
    );
    expect(parsed).toEqual({
      ok: true,
      results: [
        { line: 2, instructionId: idA, outcome: 'paid', amountFen: 212_700, settledAt: '2025-05-09T15:20:00+08:00' },
        {
          line: 3,
          instructionId: idB,
          outcome: 'failed',
          amountFen: 154_700,
          reasonCode: 'ACCOUNT_CLOSED',
          reasonText: '账户已销户',
          settledAt: '2025-05-09T15:21:00+08:00',
        },
      ],
      control: { count: 2, sumFen: 367_400 },
    });
  });

  it('accepts LF line ends, a byte-order mark, upper-case ids and quoted fields', () => {
    const text = '\uFEFF' + [header, `${idA.toUpperCase()},failed,2127.00,NAME_MISMATCH,"户名不符, 请核实",2025-05-09T07:20:00Z`, 'TOTAL,1,212700'].join('\n');
    const parsed = parseBankResultFile(text);
    expect(parsed.ok && parsed.results[0]).toMatchObject({ instructionId: idA, reasonText: '户名不符, 请核实' });
  });

  it('reports every bad line with its number and field', () => {
    const parsed = parseBankResultFile(
      file(
        `${idA},paid,2127,,,2025-05-09T15:20:00+08:00`,
        `${idB},failed,1547.00,,,2025-05-09T15:20:00+08:00`,
        `not-an-id,refunded,1.00,,,yesterday`,
        `${idA},paid,2127.00,,`,
        'TOTAL,4,1',
      ),
    );
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors.map((e) => [e.line, e.code, e.field])).toEqual([
      [2, 'INVALID_AMOUNT', 'amountYuan'],
      [3, 'REASON_CODE_REQUIRED', 'reasonCode'],
      [4, 'INVALID_INSTRUCTION_ID', 'instructionId'],
      [4, 'INVALID_RESULT', 'result'],
      [4, 'INVALID_SETTLED_AT', 'settledAt'],
      [5, 'WRONG_FIELD_COUNT', undefined],
    ]);
  });

  it('checks the control line against the lines', () => {
    const mismatch = parseBankResultFile(file(`${idA},paid,2127.00,,,2025-05-09T15:20:00+08:00`, 'TOTAL,1,212600'));
    expect(!mismatch.ok && mismatch.errors).toEqual([expect.objectContaining({ line: 3, code: 'CONTROL_TOTAL_MISMATCH' })]);
    const missing = parseBankResultFile(file(`${idA},paid,2127.00,,,2025-05-09T15:20:00+08:00`));
    expect(!missing.ok && missing.errors).toEqual([expect.objectContaining({ line: 3, code: 'MISSING_CONTROL_TOTAL' })]);
    const after = parseBankResultFile(file('TOTAL,0,0', `${idA},paid,2127.00,,,2025-05-09T15:20:00+08:00`));
    expect(!after.ok && after.errors[0]).toMatchObject({ line: 3, code: 'CONTENT_AFTER_CONTROL_TOTAL' });
  });

  it('refuses duplicates, a wrong header, broken quotes and an empty file', () => {
    const line = `${idA},paid,2127.00,,,2025-05-09T15:20:00+08:00`;
    expect(parseBankResultFile(file(line, line, 'TOTAL,2,425400'))).toMatchObject({ ok: false, errors: [{ line: 3, code: 'DUPLICATE_INSTRUCTION' }] });
    expect(parseBankResultFile('id,status\r\n')).toMatchObject({ ok: false, errors: [{ line: 1, code: 'INVALID_HEADER' }] });
    expect(parseBankResultFile(file(`${idA},paid,"2127.00,,,x`, 'TOTAL,0,0'))).toMatchObject({ ok: false, errors: [{ line: 2, code: 'MALFORMED_LINE' }] });
    expect(parseBankResultFile('')).toMatchObject({ ok: false, errors: [{ line: 1, code: 'EMPTY_FILE' }] });
  });
});
