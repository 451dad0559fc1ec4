import type { RefusalKind } from '@sa/domain-shared';
import { CommandRejectedError } from '../http/domain-errors.filter';

/**
 * Whether a command failed because its decider refused it with one of these kinds. Consumers say by
 * kind what "nothing more to do" is for them (a conflict on redelivery is already done), not by lists
 * of codes that drift from the domain's declaration.
 */
export function refusedAs(error: unknown, ...kinds: readonly RefusalKind[]): error is CommandRejectedError {
  return error instanceof CommandRejectedError && kinds.includes(error.rejection.kind);
}
