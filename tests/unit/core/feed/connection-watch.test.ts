/** A connection's timers: silence past the allowed time ends it; heartbeats go out at the interval. */
import { describe, expect, it } from 'vitest';
import { ConnectionWatch } from '../../../../src-main/core/feed/connection-watch.js';
import { manualTimers } from '../../../support/manual-timers.js';

function watch() {
  const timers = manualTimers(0);
  return { timers, watch: new ConnectionWatch({ setTimer: timers.setTimeout, clearTimer: timers.clearTimeout }) };
}

describe('ConnectionWatch', () => {
  it('calls the connection silent when nothing re-arms liveness in time', () => {
    const { timers, watch: connection } = watch();
    const silent: number[] = [];
    connection.armLiveness(1_500, () => silent.push(timers.now()));
    timers.advance(1_000);
    connection.armLiveness(1_500, () => silent.push(timers.now()));
    timers.advance(1_499);
    expect(silent).toEqual([]);
    timers.advance(1);
    expect(silent).toEqual([2_500]);
  });

  it('beats at the interval until told to stop, and clear() stops everything', () => {
    const { timers, watch: connection } = watch();
    const beats: number[] = [];
    connection.startHeartbeats(500, () => {
      beats.push(timers.now());
      return beats.length < 3;
    });
    timers.advance(5_000);
    expect(beats).toEqual([500, 1_000, 1_500]);
    connection.startHeartbeats(500, () => {
      beats.push(timers.now());
      return true;
    });
    connection.armLiveness(1_000, () => beats.push(-1));
    connection.clear();
    timers.advance(5_000);
    expect(beats).toEqual([500, 1_000, 1_500]);
    expect(timers.pending()).toBe(0);
  });
});
