/**
 * The compact event log's two conversions (store migration 200, docs/decisions/0042-a-small-cache.md):
 * an event to the body the log stores, and the bodies the `events` view gives back to events.
 */
import type { FloorEvent } from '../../../src-shared/protocol/events.js';

/**
 * An event's body as the compact log keeps it (migration 200): without the type, time and seq its
 * columns hold. Written for every event but a message, so a plain loop rather than a rest spread.
 */
export function compactBody(event: FloorEvent): string {
  const body: Record<string, unknown> = {};
  for (const key in event) {
    if (key !== 'type' && key !== 'time' && key !== 'seq') body[key] = (event as unknown as Record<string, unknown>)[key];
  }
  return JSON.stringify(body);
}

/**
 * Parses the log's bodies as the `events` view gives them. A message event whose messages row is
 * gone (its conversation pruned before the log) has no body left and is skipped.
 */
export function parseEventBodies(bodies: readonly (string | null)[]): FloorEvent[] {
  const events: FloorEvent[] = [];
  for (const body of bodies) if (body !== null) events.push(JSON.parse(body) as FloorEvent);
  return events;
}

