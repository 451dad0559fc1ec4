/**
 * Where a relay remembers how far it got: the global position of the last event whose integration
 * event Kafka acknowledged (or that had none to publish). Stored durably beside the event store,
 * so a restarted relay resumes there; it may publish the last batch again, it never skips one.
 */
export interface RelayCheckpointStore {
  /** The checkpoint, or undefined when the relay never ran. */
  load(relay: string): Promise<number | undefined>;
  /** Records progress. Never moves a checkpoint backwards (a late write from a stopped relay cannot undo progress). */
  save(relay: string, position: number): Promise<void>;
}
