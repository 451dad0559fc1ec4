import { Body, Controller, createParamDecorator, Get, Param, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { validate as validateOpenApi } from '@readme/openapi-parser';
import { z } from 'zod';
import { ApiContract, refusals } from './api-contract';
import { openApiDocument } from './openapi';

const Caller = createParamDecorator(() => ({ userId: 'u-1' }));
const params = z.object({ id: z.guid('must be a case id (a UUID)') });
const query = z.object({ limit: z.coerce.number().int().min(1).max(10).default(5) });
const body = z.object({ reason: z.string().min(1, 'must not be empty') });
const answer = z.object({ id: z.string(), limit: z.number().optional(), reason: z.string().optional(), caller: z.string() });

@Controller('cases')
class CasesController {
  @Get(':id')
  @ApiContract({ params, query, responses: { 200: answer }, errors: [404] })
  one(@Param('id') id: string, @Query() q: { limit: number }, @Caller() caller: { userId: string }) {
    return { id, limit: q.limit, caller: caller.userId };
  }

  @Post(':id/notes')
  @ApiContract({ params, body, responses: { 201: answer }, errors: refusals })
  note(@Param() p: { id: string }, @Body() b: { reason: string }, @Caller() caller: { userId: string }) {
    return { id: p.id, reason: b.reason, caller: caller.userId };
  }
}

const id = '0b5a3c1e-8d6f-4e2a-9c7b-1f2e3d4c5b6a';

describe('ApiContract', () => {
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    app = await NestFactory.create({ module: class TestModule {}, controllers: [CasesController] }, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());

  const post = (path: string, json: unknown) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });

  it('hands the handler what the schemas parsed (a named parameter, a defaulted query), and custom parameters untouched', async () => {
    const res = await fetch(`${url}/cases/${id}`);
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { id, limit: 5, caller: 'u-1' } });
  });

  it('answers 400 naming the path parameter, query field or body field and the rule it breaks', async () => {
    const badId = await fetch(`${url}/cases/not-a-uuid`);
    expect({ status: badId.status, problems: ((await badId.json()) as { problems: unknown }).problems }).toEqual({
      status: 400,
      problems: [{ field: 'id', rule: 'must be a case id (a UUID)' }],
    });
    const badLimit = await fetch(`${url}/cases/${id}?limit=99`);
    expect(((await badLimit.json()) as { problems: { field: string }[] }).problems.map((p) => p.field)).toEqual(['limit']);
    const badBody = await post(`/cases/${id}/notes`, { reason: '' });
    expect({ status: badBody.status, problems: ((await badBody.json()) as { problems: unknown }).problems }).toEqual({
      status: 400,
      problems: [{ field: 'reason', rule: 'must not be empty' }],
    });
    expect((await post(`/cases/${id}/notes`, { reason: 'visit' })).status).toBe(201);
  });

  it('documents the same schemas: parameters, body, answer and each error status with the error body', async () => {
    const document = openApiDocument(app, { title: 'test', description: 'test' });
    const one = document.paths['/cases/{id}']?.get;
    expect(one?.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
    ]);
    expect(Object.keys(one?.responses ?? {})).toEqual(['200', '400', '401', '403', '404', '503']);
    const note = document.paths['/cases/{id}/notes']?.post;
    expect(note?.requestBody).toMatchObject({ required: true, content: { 'application/json': { schema: { required: ['reason'] } } } });
    expect(Object.keys(note?.responses ?? {})).toEqual(['201', '400', '401', '403', '404', '409', '413', '415', '422', '503']);
    expect(note?.responses['422']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } });
    expect((await validateOpenApi(structuredClone(document) as never)).valid).toBe(true);
  });
});
