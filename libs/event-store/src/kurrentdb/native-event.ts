import type { Position } from '@kurrent/kurrentdb-client';

/** The parts of a KurrentDB recorded event the adapter reads (the client's RecordedEvent is assignable to it). */
export interface NativeEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly created: Date;
  readonly position?: Position;
}
