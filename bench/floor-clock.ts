/**
 * When a benchmark's simulated floor starts. The simulator's demand follows the hour and the
 * weekday in each queue's zone, and some queues open on weekdays only, so a floor started "now"
 * would measure a night or a weekend when the benchmark runs at one. Every run starts on the last
 * Wednesday before today (UTC), at the given hour: a working day everywhere, in the past, and the
 * same part of the week whatever the day and hour of the run.
 */
const DAY_MS = 86_400_000;
const WEDNESDAY = 3;

export function lastWednesdayAt(hourUtc: number, now: number = Date.now()): number {
  const today = new Date(now);
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const daysBack = (today.getUTCDay() - WEDNESDAY + 7) % 7 || 7;
  return midnight - daysBack * DAY_MS + hourUtc * 3_600_000;
}
