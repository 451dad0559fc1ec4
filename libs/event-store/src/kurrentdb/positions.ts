/**
 * Global positions: how a KurrentDB position becomes the port's numeric position.
 *
 * KurrentDB orders $all by a {commit, prepare} pair of transaction-log byte offsets (unsigned 64-bit
 * bigints). An event written through the gRPC API commits itself. For such an event, commit and
 * prepare are the same number: the event's own offset in the log. Reading the event from its stream
 * or from $all gives the same number (KurrentDB ≥ 22.6 returns positions on stream reads too). Every
 * event this adapter writes is of that kind, and so are all events a KurrentDB gRPC client writes,
 * including each event of a multi-event append.
 *
 * The port's position is the commit position as a JavaScript number:
 *   - strictly increasing in $all order, but sparse: byte offsets, so never assume +1;
 *   - exact only up to Number.MAX_SAFE_INTEGER (2^53 − 1, about 8 PiB of transaction log). A larger
 *     position raises UnrepresentablePositionError instead of silently rounding;
 *   - turned back into {commit: p, prepare: p} to read or subscribe from it;
 *   - only numbers the store returned (or 0, meaning the start) are valid places to read from: a
 *     number in the middle of a log record is refused by the server.
 * Legacy explicit transactions (removed TCP API) stored events whose commit and prepare differ and
 * whose commit position is shared. Such an event has no distinct port position, so reading it
 * raises UnrepresentablePositionError instead of delivering a duplicate or a reordered position.
 */
import type { Direction, Position, ReadPosition } from '@kurrent/kurrentdb-client';
import { BACKWARDS, END, START } from './client';

export class UnrepresentablePositionError extends Error {
  override readonly name = 'UnrepresentablePositionError';
}

/** The port position of a KurrentDB position. `what` names the event for the error message. */
export function toPortPosition(position: Position | undefined, what: string): number {
  if (!position) {
    throw new UnrepresentablePositionError(`${what} carries no log position (KurrentDB/EventStoreDB 22.6 or later returns it)`);
  }
  if (position.commit !== position.prepare) {
    throw new UnrepresentablePositionError(
      `${what} has commit position ${position.commit} but prepare position ${position.prepare} (a legacy explicit transaction); the event store port cannot number it`,
    );
  }
  if (position.commit < 0n || position.commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new UnrepresentablePositionError(`${what} is at log position ${position.commit}, beyond the safe integer range of the event store port (2^53 − 1)`);
  }
  return Number(position.commit);
}

/** The KurrentDB position of a port position. */
export function toNativePosition(position: number): Position {
  if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`not a global position: ${position}`);
  const value = BigInt(position);
  return { commit: value, prepare: value };
}

/** Orders two KurrentDB positions as $all does: by commit position, then prepare position. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Where a read of $all starts. Without a position it starts at the start (forwards) or the end (backwards). Position 0 is the start. */
export function readAllFrom(position: number | undefined, direction: Direction): ReadPosition {
  if (position === undefined) return direction === BACKWARDS ? END : START;
  if (position === 0 && direction !== BACKWARDS) return START;
  return toNativePosition(position);
}
