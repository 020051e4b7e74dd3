/**
 * The two timers of a connection: liveness (no welcome, or no frame, within the allowed time means
 * the connection is dead) and our own heartbeats to the server at its interval.
 */

export interface ConnectionWatchOptions {
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
}

export class ConnectionWatch {
  private liveness: unknown = null;
  private heartbeat: unknown = null;

  constructor(private readonly options: ConnectionWatchOptions) {}

  /** (Re)starts the silence countdown: `onSilent` runs if nothing re-arms it within `ms`. */
  armLiveness(ms: number, onSilent: () => void): void {
    this.clearLiveness();
    this.liveness = this.options.setTimer(() => {
      this.liveness = null;
      onSilent();
    }, ms);
  }

  /** Sends a heartbeat every `intervalMs` while `beat` returns true. */
  startHeartbeats(intervalMs: number, beat: () => boolean): void {
    if (this.heartbeat !== null) this.options.clearTimer(this.heartbeat);
    this.heartbeat = this.options.setTimer(() => {
      this.heartbeat = null;
      if (beat()) this.startHeartbeats(intervalMs, beat);
    }, intervalMs);
  }

  /** The connection is over: neither timer runs. */
  clear(): void {
    this.clearLiveness();
    if (this.heartbeat !== null) this.options.clearTimer(this.heartbeat);
    this.heartbeat = null;
  }

  private clearLiveness(): void {
    if (this.liveness !== null) this.options.clearTimer(this.liveness);
    this.liveness = null;
  }
}
