/** One local event source mapping (a table stream or a queue feeding a declared function). */
export interface Poller {
  name: string;
  /** When the last poll that found nothing started (ms since epoch; 0: never). */
  readonly lastEmptyCycleStart: number;
  /** When the poller last found something to deliver. */
  readonly lastActivity: number;
  /** Whether something is being delivered, or waits to be retried, right now. */
  busy(): Promise<boolean>;
  stop(): Promise<void>;
}
