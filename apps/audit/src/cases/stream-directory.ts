/** Where a case's streams are: the port the case index implements and the loader reads (no index: read the whole log). */

export interface StreamRef {
  readonly source: string;
  readonly stream: string;
}

/** Where a key's streams are, as far as an index knows. */
export interface StreamDirectory {
  lookup(keys: readonly string[]): Promise<StreamRef[]>;
  /** Position up to which the source's events are in the directory. */
  indexedThrough(source: string): number;
}

/** No index: every lookup reads the whole log (the CLI, a benchmark, a lost read model). */
export const noDirectory: StreamDirectory = { lookup: async () => [], indexedThrough: () => 0 };
