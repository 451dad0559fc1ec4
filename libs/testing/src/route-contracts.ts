/**
 * Every route of a service, read from its modules' decorator metadata (no application started), and
 * what is missing from its contract (@ApiContract, libs/platform/src/http/api-contract.ts): a path
 * parameter it does not declare, a body or an answer it does not document.
 */
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { API_CONTRACT, type Contract, IS_PUBLIC } from '@sa/platform';
import { z } from 'zod';

/** What @ApiExcludeController() sets (@nestjs/swagger's DECORATORS.API_EXCLUDE_CONTROLLER, not exported by its package). */
const excludedController = 'swagger/apiExcludeController';

export interface Route {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly handler: object;
}

type ModuleLike = { module?: unknown; controllers?: unknown[]; imports?: unknown[]; forwardRef?: () => unknown };

export function controllersOf(module: unknown, seen = new Set<unknown>()): (new (...args: never[]) => object)[] {
  const found = (module as ModuleLike | undefined)?.forwardRef?.() ?? module;
  if (!found || seen.has(found)) return [];
  seen.add(found);
  const dynamic = typeof found === 'object' && 'module' in found ? (found as ModuleLike) : undefined;
  const type = dynamic ? dynamic.module : found;
  const meta = (key: string) => (Reflect.getMetadata(key, type as object) as unknown[] | undefined) ?? [];
  const controllers = [...meta('controllers'), ...(dynamic?.controllers ?? [])] as (new (...args: never[]) => object)[];
  return [...controllers, ...[...meta('imports'), ...(dynamic?.imports ?? [])].flatMap((imported) => controllersOf(imported, seen))];
}

export function routesOf(module: unknown): Route[] {
  return [...new Set(controllersOf(module))]
    .filter((controller) => !Reflect.getMetadata(excludedController, controller))
    .flatMap((controller) => {
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, object>;
      return Object.getOwnPropertyNames(proto)
        .filter((key) => key !== 'constructor' && Reflect.getMetadata(METHOD_METADATA, proto[key]) !== undefined)
        .map((key) => ({
          name: `${controller.name}.${key}`,
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, proto[key]) as number],
          path: `/${[base, String(Reflect.getMetadata(PATH_METADATA, proto[key]) ?? '')].filter((p) => p && p !== '/').join('/')}`,
          handler: proto[key],
        }));
    });
}

/** What the route's contract lacks, each as a sentence naming the route; none when it is complete. */
export function contractProblems(route: Route): string[] {
  const contract = Reflect.getMetadata(API_CONTRACT, route.handler) as Contract | undefined;
  const at = `${route.name} (${route.method} ${route.path})`;
  if (!contract) return [`${at}: has no @ApiContract`];
  const problems: string[] = [];
  const inPath = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
  const declared = Object.keys(contract.params?.shape ?? {});
  for (const name of inPath.filter((n) => !declared.includes(n))) problems.push(`${at}: path parameter ${name} is not declared`);
  for (const name of declared.filter((n) => !inPath.includes(n))) problems.push(`${at}: declares path parameter ${name} the path lacks`);
  if (['POST', 'PUT', 'PATCH'].includes(route.method) && !('body' in contract) && !contract.bodyContent) {
    problems.push(`${at}: documents no body (say body: null when it takes none)`);
  }
  const responses = Object.values(contract.responses);
  if (responses.length === 0) problems.push(`${at}: documents no answer`);
  if (responses.some((r) => !(r instanceof z.ZodType) && !r.schema)) problems.push(`${at}: documents an answer without its body schema`);
  if (Boolean(contract.public) !== Boolean(Reflect.getMetadata(IS_PUBLIC, route.handler))) {
    problems.push(`${at}: contract says public ${Boolean(contract.public)}, the route's @Public() says otherwise`);
  }
  return problems;
}
