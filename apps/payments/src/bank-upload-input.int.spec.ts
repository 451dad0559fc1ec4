/**
 * The bank's result file, posted as text/csv, is read under the platform's input rules (issue #10,
 * item 8): a corrupt or oversized gzip, bytes that are not UTF-8 and a NUL are refused with a 4xx
 * naming the rule before the run is looked up; a gzipped file is inflated (as it arrives, a line at
 * a time), not read as bytes.
 */
import { type RunningService, startService } from '@sa/platform';
import { serviceTestEnv } from '@sa/testing';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { service } from './service';
import { officer, tokenFor } from './tests/payments-test-kit';

describe('payments: the bank result upload refuses bad input (real servers)', () => {
  let payments: RunningService;
  beforeAll(async () => {
    // A 20 MB limit here, so the oversized body is quick to build (the default is 256 MB).
    payments = await startService(service, serviceTestEnv('payments', { SCHEDULER_INTERVAL_MS: '3600000', BANK_RESULT_FILE_LIMIT_MB: '20' }));
  });
  afterAll(async () => {
    await payments?.app.close();
  });

  const upload = async (body: string | Buffer, headers: Record<string, string> = {}) => {
    const res = await fetch(`${payments.url}/payrolls/${randomUUID()}/bank-results`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${tokenFor(officer)}`, ...headers },
      body,
    });
    const { code, field } = (await res.json()) as { code?: string; field?: string };
    return { status: res.status, code, field };
  };
  const header = 'instructionId,result,amountYuan,reasonCode,reasonText,settledAt\r\n';

  it('answers 400 for corrupt gzip, bytes that are not UTF-8 and a NUL; 413 for a gzip inflating past 20 MB; 415 for an unknown coding', async () => {
    expect(await upload('not gzip at all', { 'content-encoding': 'gzip' })).toEqual({ status: 400, code: 'CORRUPT_CONTENT_ENCODING', field: 'body' });
    expect(await upload(Buffer.concat([Buffer.from(header), Buffer.from([0xc3, 0x28])]))).toEqual({ status: 400, code: 'BODY_NOT_UTF8', field: 'body' });
    expect(await upload(`${header}x\u0000,paid,1.00,,,2025-03-13T15:20:00+08:00\r\n`)).toEqual({ status: 400, code: 'NUL_CHARACTER', field: 'body' });
    expect(await upload(gzipSync(Buffer.alloc(21 * 1024 * 1024, 0x20)), { 'content-encoding': 'gzip' })).toEqual({
      status: 413,
      code: 'BODY_TOO_LARGE',
      field: 'body',
    });
    expect(await upload(header, { 'content-encoding': 'zstd-unknown' })).toEqual({
      status: 415,
      code: 'UNSUPPORTED_CONTENT_ENCODING',
      field: 'content-encoding',
    });
    expect(await upload(header, { 'content-type': 'text/csv; charset=gbk' })).toEqual({ status: 415, code: 'UNSUPPORTED_CHARSET', field: 'content-type' });
  });

  it('lets a well-formed gzipped file through to the run lookup (an unknown run: 404)', async () => {
    const file = `${header}${randomUUID()},paid,1.00,,,2025-03-13T15:20:00+08:00\r\nTOTAL,1,100\r\n`;
    expect((await upload(gzipSync(Buffer.from(file)), { 'content-encoding': 'gzip' })).status).toBe(404);
  });
});
