/**
 * The latest 15:00 UTC at or before now: simulated demand follows each queue's local day, so a
 * floor started then is busy whatever the hour of the run, and tests that wait for events never
 * meet the night shift. It lies in the past, so the floor's clock never runs ahead of the console's.
 */
export function busyAfternoon(): number {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 15);
  return today <= now.getTime() ? today : today - 86_400_000;
}
