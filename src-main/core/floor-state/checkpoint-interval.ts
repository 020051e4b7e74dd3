/**
 * How often the live floor writes its routine checkpoint, scaled with the floor's size.
 *
 * A checkpoint costs in proportion to the state (at 10,000 agents its text is about 28 MB: slices of
 * the core's thread while it is built, and that much short-lived text for the collector), while what
 * it saves is the replay of the log since the last one at a restart. A small floor keeps the base
 * interval (30 s); above BASE_INTERVAL_BYTES of text the interval grows with the text, so the
 * checkpoint's share of the thread stays about what a floor of that size costs at the base interval,
 * up to LONGEST_INTERVAL_MS so a restart never replays more than that much of the floor's time
 * (ADR 0049, addendum 3).
 */

/** Text up to this size is checkpointed at the base interval. */
export const BASE_INTERVAL_BYTES = 8 * 1024 * 1024;
/** The longest interval between two routine checkpoints, whatever the floor's size. */
export const LONGEST_INTERVAL_MS = 120_000;

/**
 * The interval after a checkpoint of `textBytes`: `baseMs` for a text up to `scaleBytes`, longer in
 * proportion above it, never more than LONGEST_INTERVAL_MS (nor less than `baseMs`).
 */
export function checkpointIntervalMs(baseMs: number, textBytes: number, scaleBytes = BASE_INTERVAL_BYTES): number {
  const scaled = textBytes > scaleBytes ? Math.round((baseMs * textBytes) / scaleBytes) : baseMs;
  return Math.max(baseMs, Math.min(LONGEST_INTERVAL_MS, scaled));
}
