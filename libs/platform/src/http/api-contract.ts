/**
 * One declaration per route of what it takes and answers, used twice: the route's pipe validates
 * path parameters, query and body with these zod schemas, and the OpenAPI document describes the
 * same schemas, so what is documented cannot drift from what is enforced.
 *
 *   @ApiContract({ params: caseParams, body: reviewRequest, responses: { 200: caseAnswer }, errors: refusals })
 *
 * Error answers every route can give are added: 400 (bad input), 401 and 403 (unless public),
 * 413 and 415 (with a body), 503 (unless public); `errors` adds what the route itself can answer.
 */
import { type ArgumentMetadata, applyDecorators, type PipeTransform, SetMetadata, UsePipes } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { errorDescriptions, type ErrorStatus } from './api-errors';
import { validate } from './zod-validation';

export const API_CONTRACT = 'sa:api-contract';

/** Marks a request body documented per media type (bodyContent), until openApiDocument splits it. */
export const bodyByMediaType = 'x-sa-by-media-type';

/** A JSON body schema, or a described answer (e.g. a CSV file, or none). */
export type ResponseSpec = z.ZodType | { readonly description: string; readonly schema?: z.ZodType; readonly mediaType?: string };

export interface Contract {
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  /** The JSON body the pipe validates; null when the route takes none. */
  readonly body?: z.ZodType | null;
  /** Bodies the handler reads itself (e.g. a CSV file), by media type: documented, not validated by the pipe. */
  readonly bodyContent?: Readonly<Record<string, z.ZodType>>;
  /** Answers by status: the successes, and any other status whose body is not the error body (readiness's 503). */
  readonly responses: Readonly<Partial<Record<200 | 201 | 202 | 503, ResponseSpec>>>;
  readonly errors?: readonly ErrorStatus[];
  /** Answers without a bearer token (health). */
  readonly public?: boolean;
}

/** What a command can be refused with: authority, a missing aggregate, the state, a domain rule. */
export const refusals: readonly ErrorStatus[] = [403, 404, 409, 422];

export function ApiContract(contract: Contract): MethodDecorator {
  return applyDecorators(
    SetMetadata(API_CONTRACT, contract),
    UsePipes(new ContractPipe(contract)),
    ...parameterDocs(contract),
    ...bodyDocs(contract),
    ...Object.entries(contract.responses).map(([status, spec]) => successDoc(Number(status), spec)),
    ...errorStatuses(contract).map((status) =>
      ApiResponse({ status, description: errorDescriptions[status], schema: { $ref: '#/components/schemas/ErrorBody' } }),
    ),
  );
}

/** A zod schema as a JSON Schema 2020-12 object (OpenAPI 3.1): requests as clients send them, answers as they arrive. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(preprocessed(schema, io), { target: 'draft-2020-12', unrepresentable: 'any', io }) as Record<string, unknown>;
  delete json.$schema;
  if (json.$defs) throw new Error('a contract schema must not define $defs (give it no id, and no recursion)');
  return json;
}

/** A request schema behind z.preprocess (e.g. accepting aliases) is documented as the schema it validates with, not as "anything". */
function preprocessed(schema: z.ZodType, io: 'input' | 'output'): z.ZodType {
  return io === 'input' && schema instanceof z.ZodPipe && schema.in instanceof z.ZodTransform ? (schema.out as z.ZodType) : schema;
}

/** Validates path parameters, query and JSON body with the contract's schemas (a 400 naming field and rule). */
class ContractPipe implements PipeTransform {
  constructor(private readonly contract: Contract) {}

  transform(value: unknown, { type, data }: ArgumentMetadata): unknown {
    if (type === 'body') return this.contract.body ? validate(this.contract.body).transform(value) : value;
    const schema = type === 'param' ? this.contract.params : type === 'query' ? this.contract.query : undefined;
    if (!schema) return value;
    if (data === undefined) return validate(schema).transform(value);
    // One named parameter (@Param('id')): validated alone, so the 400 still names it.
    const field = schema.shape[data];
    if (!field) return value;
    return (validate(z.object({ [data]: field })).transform({ [data]: value }) as Record<string, unknown>)[data];
  }
}

function properties(schema: z.ZodObject): [string, Record<string, unknown>, boolean][] {
  const json = jsonSchemaOf(schema, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => [name, property, json.required?.includes(name) ?? false]);
}

function parameterDocs({ params, query }: Contract): MethodDecorator[] {
  const describe = (property: Record<string, unknown>) => (typeof property.description === 'string' ? { description: property.description } : {});
  return [
    ...(params ? properties(params) : []).map(([name, schema]) => ApiParam({ name, required: true, schema, ...describe(schema) })),
    ...(query ? properties(query) : []).map(([name, schema, required]) => ApiQuery({ name, required, schema, ...describe(schema) })),
  ];
}

function bodyDocs({ body, bodyContent }: Contract): MethodDecorator[] {
  if (bodyContent) {
    // @ApiBody gives every consumed media type one schema: openApiDocument splits this one by media type.
    const byMediaType = Object.fromEntries(Object.entries(bodyContent).map(([mediaType, schema]) => [mediaType, jsonSchemaOf(schema, 'input')]));
    return [ApiConsumes(...Object.keys(bodyContent)), ApiBody({ required: true, schema: { [bodyByMediaType]: byMediaType } as Record<string, unknown> })];
  }
  if (!body) return [];
  return [ApiBody({ required: !body.safeParse(undefined).success, schema: jsonSchemaOf(body, 'input') })];
}

function successDoc(status: number, spec: ResponseSpec): MethodDecorator {
  if (spec instanceof z.ZodType) return ApiResponse({ status, description: spec.description ?? 'OK', schema: jsonSchemaOf(spec, 'output') });
  const { description, schema, mediaType } = spec;
  if (!schema) return ApiResponse({ status, description });
  return ApiResponse({ status, description, content: { [mediaType ?? 'application/json']: { schema: jsonSchemaOf(schema, 'output') } } });
}

export function errorStatuses({ body, bodyContent, errors = [], public: open, responses }: Contract): ErrorStatus[] {
  const all = new Set<ErrorStatus>([400, ...errors]);
  if (!open) [401, 403, 503].forEach((s) => all.add(s as ErrorStatus));
  if (body || bodyContent) [413, 415].forEach((s) => all.add(s as ErrorStatus));
  return [...all].filter((status) => !(status in responses)).sort((a, b) => a - b);
}
