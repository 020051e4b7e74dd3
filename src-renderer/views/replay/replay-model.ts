/**
 * The replay view's pure parts: the band's time text, where a replay starts, and the clock moved
 * by the controls (play, pause, speed, scrub, step), so the view only wires them to the API.
 */
import { dateTimeFormat } from '../../format/locale.js';
import { replayClockAt, type ReplayClock, type ReplayRange, type ReplaySpeed } from '../../../src-shared/api/replay.js';

/** A replay opens this far before the log's end: "what just happened" is the usual question. */
export const REPLAY_OPENS_BEFORE_END_MS = 15 * 60_000;

/** The band's clock, "10:42:13", in the console's locale and own zone (the one the supervisor reads). */
export function formatReplayTime(at: number, timeZone?: string): string {
  return dateTimeFormat({ hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).format(at);
}

/** The day and time for the scrubber's ends and its spoken value, "Mon 9 Mar, 10:42:13". */
export function formatReplayMoment(at: number, timeZone?: string): string {
  return dateTimeFormat({ weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).format(at);
}

/** The paused clock a replay opens on: a quarter of an hour before the log's end, or its start. */
export function openingClock(range: ReplayRange, wallNow: number): ReplayClock {
  return { at: Math.max(range.from, range.to - REPLAY_OPENS_BEFORE_END_MS), wallAt: wallNow, speed: 1, playing: false };
}

export type ReplayControl =
  | { readonly kind: 'play' }
  | { readonly kind: 'pause' }
  | { readonly kind: 'speed'; readonly speed: ReplaySpeed }
  | { readonly kind: 'seek'; readonly at: number }
  /** A step answered: the replay stands on that event, paused. */
  | { readonly kind: 'stepped'; readonly at: number };

/**
 * The clock after a control, at wall time `wallNow`. The replayed instant is carried over first,
 * so a speed change or pause never jumps; a seek stays in the range; play at the end starts over
 * from the beginning of the range rather than doing nothing.
 */
export function controlClock(clock: ReplayClock, control: ReplayControl, range: ReplayRange, wallNow: number): ReplayClock {
  const at = replayClockAt(clock, wallNow, range.to);
  switch (control.kind) {
    case 'play':
      return { at: at >= range.to ? range.from : at, wallAt: wallNow, speed: clock.speed, playing: true };
    case 'pause':
      return { at, wallAt: wallNow, speed: clock.speed, playing: false };
    case 'speed':
      return { at, wallAt: wallNow, speed: control.speed, playing: clock.playing };
    case 'seek':
      return { at: Math.min(range.to, Math.max(range.from, control.at)), wallAt: wallNow, speed: clock.speed, playing: clock.playing };
    case 'stepped':
      return { at: control.at, wallAt: wallNow, speed: clock.speed, playing: false };
  }
}

/** What a key does on the replay page. */
export type ReplayKeyAction = 'live' | 'toggle-play' | 'step-back' | 'step-forward';

/** Where a key was pressed, as far as the replay keys care: controls that use the key themselves. */
export type KeyTarget = 'button' | 'text' | 'range' | 'other';

/**
 * The replay keys: Escape back to live; Space plays or pauses; ← and → step one event. A key a
 * focused control uses itself (Space on a button, arrows on the scrubber, anything in a text
 * field) stays with that control.
 */
export function replayKeyAction(key: string, target: KeyTarget): ReplayKeyAction | null {
  if (key === 'Escape') return 'live';
  if (target === 'text') return null;
  if (key === ' ') return target === 'button' ? null : 'toggle-play';
  if (key === 'ArrowLeft' || key === 'ArrowRight') return target === 'range' ? null : key === 'ArrowLeft' ? 'step-back' : 'step-forward';
  return null;
}
