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
