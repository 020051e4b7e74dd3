/**
 * The alerts the console holds now, as the `alerts` topic last pushed them, and the signed-in
 * user's notification choices: one small external store, fed once by the watcher (alerts-watcher.tsx)
 * and read by the top bar, the escalation banner and the alert centre.
 */
import { useSyncExternalStore } from 'react';
import type { AlertPreferences, AlertsMessage } from '../../src-shared/api/alerts.js';

export interface AlertsSnapshot {
  /** Null until the first push (or without the capability). */
  readonly message: AlertsMessage | null;
  readonly preferences: AlertPreferences;
}

let snapshot: AlertsSnapshot = { message: null, preferences: { subscriptions: [], sound: false } };
const listeners = new Set<() => void>();

function emit(next: AlertsSnapshot): void {
  snapshot = next;
  for (const listener of listeners) listener();
}

/** Keeps the latest push of the `alerts` topic. */
export function alertsReceived(message: AlertsMessage | null): void {
  emit({ ...snapshot, message });
}

/** Keeps the user's notification choices as the core last answered them. */
export function preferencesReceived(preferences: AlertPreferences): void {
  emit({ ...snapshot, preferences });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The alerts snapshot; re-renders on each push. */
export function useAlerts(): AlertsSnapshot {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** Alerts needing someone: open, not acknowledged, snoozed or escalated. */
export function openCountOf(message: AlertsMessage | null): number {
  return message === null ? 0 : message.open.filter((alert) => alert.state === 'open').length;
}
