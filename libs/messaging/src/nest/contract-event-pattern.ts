/**
 * `@EventPattern` for integration contracts. NestJS 12 types `@EventPattern(name)` against an event
 * map, so a method taking a contract's payload does not compile against a bare name; this names the
 * pattern by the contract (`<type>.v<version>`, what the transport dispatches on) and checks the
 * method's first parameter against the contract's payload. Several contracts may share one method
 * (their payloads as a union), as county feeds do.
 */
import { EventPattern } from '@nestjs/microservices';
import { contractName, type IntegrationContract } from '@sa/contracts';
import type { PayloadOf } from './integration-event-context';

type PayloadMethodDecorator<P> = <M extends (payload: P, ...rest: never[]) => unknown>(
  target: object,
  propertyKey: string | symbol,
  descriptor: TypedPropertyDescriptor<M>,
) => void;

export function ContractEventPattern<C extends IntegrationContract<unknown>>(...contracts: readonly C[]): PayloadMethodDecorator<PayloadOf<C>> {
  const names = contracts.map((contract) => contractName(contract));
  const decorate = EventPattern<string | string[]>(names.length === 1 ? names[0] : names);
  return (target, propertyKey, descriptor) => void decorate(target, propertyKey, descriptor);
}
