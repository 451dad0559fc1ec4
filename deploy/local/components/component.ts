/** What the infrastructure scripts know about each local server. */
export interface Component {
  readonly name: 'postgres' | 'kafka' | 'ferretdb';
  /** True when the user pointed us at an existing server, which we neither start nor stop. */
  isExternal(): boolean;
  /** Installs (or finds in the cache) what the server needs; idempotent. */
  install(): Promise<void>;
  /** Running and answering requests. */
  isHealthy(): Promise<boolean>;
  /** Starts the server and waits until it is healthy. */
  start(): Promise<void>;
  /** Stops the server this checkout started, cleanly. */
  stop(): Promise<void>;
  /** After start (or finding it running): what clients need on it beyond the server itself (Kafka's users, ACLs, topics). */
  provision?(say?: (line: string) => void): Promise<void>;
  /** Where clients connect. */
  endpoint(): string;
  logFile(): string;
}
