/**
 * Bad HTTP input, as every service must answer it (issue #10, item 8): a clear 4xx in the usual
 * error shape (code, field, rule) for what the platform cannot read — never a 500. The requests go
 * to a route that does not take a body: the body is read, and refused, before any route is chosen.
 */
import type { BaseConfig, ServiceDefinition } from '@sa/platform';
import { startService, type RunningService } from '@sa/platform';
import { gzipSync } from 'node:zlib';
import { serviceTestEnv } from './service-test-env';

interface Answer {
  status: number;
  code?: string;
  field?: string;
  message?: string;
}

export function describeBadHttpInput<C extends BaseConfig>(definition: ServiceDefinition<C>, extraEnv: Record<string, string> = {}): void {
  describe(`${definition.name}: bad HTTP input is a 4xx naming the rule`, () => {
    let service: RunningService;
    beforeAll(async () => {
      service = await startService(definition, serviceTestEnv(definition.name, extraEnv));
    });
    afterAll(async () => {
      await service?.app.close();
    });

    const send = async (body: string | Buffer, headers: Record<string, string> = {}, path = '/health/live'): Promise<Answer> => {
      const res = await fetch(`${service.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      const answer = (await res.json()) as Omit<Answer, 'status'>;
      return { status: res.status, code: answer.code, field: answer.field, message: answer.message };
    };

    it('answers 413 naming the 100 kB limit for a body over it, as sent or once inflated', async () => {
      // Given a body of 200 kB, and a 30 kB gzip of 1 MB of JSON
      const big = JSON.stringify({ note: 'x'.repeat(200 * 1024) });
      const bomb = gzipSync(Buffer.from(JSON.stringify({ note: ' '.repeat(1024 * 1024) })));
      // Then both are refused with the limit
      const expected = { status: 413, code: 'BODY_TOO_LARGE', field: 'body', message: 'body: must be at most 102400 bytes (100 kB), decoded' };
      expect(await send(big)).toEqual(expected);
      expect(await send(bomb, { 'content-encoding': 'gzip' })).toEqual(expected);
      // (a form body, which Express's own parser reads, too)
      expect(await send(`note=${'x'.repeat(200 * 1024)}`, { 'content-type': 'application/x-www-form-urlencoded' })).toEqual(expected);
    });

    it('answers 415 for a charset other than UTF-8 and for an unknown content-encoding; 400 for corrupt gzip and bytes that are not UTF-8', async () => {
      expect(await send('{}', { 'content-type': 'application/json; charset=latin1' })).toMatchObject({
        status: 415,
        code: 'UNSUPPORTED_CHARSET',
        field: 'content-type',
      });
      expect(await send('{}', { 'content-type': 'application/json; charset="utf-16"' })).toMatchObject({ status: 415, code: 'UNSUPPORTED_CHARSET' });
      expect(await send('{}', { 'content-type': 'application/json; charset=no-such-charset' })).toMatchObject({ status: 415, code: 'UNSUPPORTED_CHARSET' });
      expect(await send('{}', { 'content-encoding': 'compress' })).toMatchObject({
        status: 415,
        code: 'UNSUPPORTED_CONTENT_ENCODING',
        field: 'content-encoding',
      });
      expect(await send('this is not gzip', { 'content-encoding': 'gzip' })).toMatchObject({ status: 400, code: 'CORRUPT_CONTENT_ENCODING', field: 'body' });
      const truncated = gzipSync(Buffer.from(JSON.stringify({ note: 'y'.repeat(1000) }))).subarray(0, 20);
      expect(await send(truncated, { 'content-encoding': 'gzip' })).toMatchObject({ status: 400, code: 'CORRUPT_CONTENT_ENCODING' });
      expect(await send(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]))).toMatchObject({ status: 400, code: 'BODY_NOT_UTF8' });
    });

    it('answers 400 naming the field for a NUL in JSON text, and for malformed JSON', async () => {
      expect(await send('{"household":{"members":[{"name":"王\\u0000芳"}]}}')).toEqual({
        status: 400,
        code: 'NUL_CHARACTER',
        field: 'household.members.0.name',
        message: 'household.members.0.name: must not contain a NUL character (\\u0000)',
      });
      expect(await send('{"a\\u0000":1}')).toMatchObject({ status: 400, code: 'NUL_CHARACTER', field: 'a\u0000' });
      expect(await send('{"household": ')).toMatchObject({ status: 400, code: 'INVALID_JSON', field: 'body' });
      expect(await send('"just a string"')).toMatchObject({ status: 400, code: 'INVALID_JSON', message: 'body: must be a JSON object or array' });
    });

    it('answers 400 for %00 in the path or the query, and lets good input through to routing', async () => {
      const get = async (path: string) => {
        const res = await fetch(`${service.url}${path}`);
        const { code, field } = (await res.json()) as { code?: string; field?: string };
        return { status: res.status, code, field };
      };
      expect(await get('/health/%00ready')).toMatchObject({ status: 400, code: 'NUL_CHARACTER', field: 'path' });
      expect(await get('/health/live?x=%00')).toMatchObject({ status: 400, code: 'NUL_CHARACTER', field: 'query' });
      // A well-formed body, plain or gzipped, reaches routing (no POST route here: 404)
      expect((await send('{"note":"ok"}')).status).toBe(404);
      expect((await send(gzipSync(Buffer.from('{"note":"ok"}')), { 'content-encoding': 'gzip' })).status).toBe(404);
      expect((await get('/health/live')).status).toBe(200);
    });
  });
}
