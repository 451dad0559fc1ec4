import { Writable } from 'node:stream';
import { createLogger, maskResidentIds } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, sink };
}

describe('structured logs never show resident ID numbers', () => {
  it('masks an ID inside text, keeping only the address code', () => {
    expect(maskResidentIds('applicant 11010519491231002X submitted')).toBe('applicant 110105************ submitted');
    expect(maskResidentIds('amount 212700 fen')).toBe('amount 212700 fen');
  });

  it('writes JSON with the service name and masks IDs in fields, nested objects and the message', () => {
    const { lines, sink } = capture();
    const logger = createLogger('intake', 'info', sink);
    logger.info({ applicant: { residentId: '11010519491231002X' }, members: ['11010519491231002X'] }, 'application from 11010519491231002X');
    expect(lines).toHaveLength(1);
    const line = lines[0] as { service: string; level: string; msg: string; applicant: { residentId: string }; members: string[] };
    expect(line.service).toBe('intake');
    expect(line.level).toBe('info');
    expect(line.msg).toBe('application from 110105************');
    expect(line.applicant.residentId).toBe('110105************');
    expect(line.members).toEqual(['110105************']);
    expect(JSON.stringify(line)).not.toContain('19491231002X');
  });
});

describe('structured logs never show names or bank accounts', () => {
  it('masks name and account fields whole, and account numbers inside any text', () => {
    // Given a log line about a payment instruction
    const { lines, sink } = capture();
    const logger = createLogger('payments', 'info', sink);
    logger.info(
      { instruction: { accountHolder: '王芳', bankAccount: '6222021234567890123', bankName: '农业银行' }, region: '331002001001' },
      'bank rejected 6222021234567890123',
    );
    // Then the holder keeps her first character, the account its last four digits, the rest as it was
    const line = lines[0] as { msg: string; instruction: Record<string, string>; region: string };
    expect(line.instruction).toEqual({ accountHolder: '王*', bankAccount: '****0123', bankName: '农业银行' });
    expect(line.msg).toBe('bank rejected ****0123');
    // And a 12-digit village code is not mistaken for an account
    expect(line.region).toBe('331002001001');
  });
});
