/**
 * Where Live Insights keeps what users choose, each for themselves: personal layouts, queue groups
 * and threshold overrides (with every change of an override recorded). Its own tables
 * (migrations/0030-preferences.ts), prepared statements only.
 */
import type { StoreConnection } from '../store/connection.js';
import type { LayoutPreferences, QueueGroup } from '../../../src-shared/api/live-insights.js';
import type { Channel, Thresholds } from '../../../src-shared/protocol/events.js';

/** A user's own override of a queue's thresholds (only their views follow it). */
export interface ThresholdOverride {
  readonly userId: string;
  readonly queueId: string;
  readonly thresholds: Partial<Thresholds>;
  readonly setAt: number;
}

/** A user group as saved (channel fixed at save time from its queues). */
export interface SavedGroup {
  readonly groupId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly queueIds: readonly string[];
}

export interface Preferences {
  layout(userId: string): LayoutPreferences;
  saveLayout(userId: string, hiddenQueueIds: readonly string[], now: number): LayoutPreferences;
  /** The user's own groups, by name. */
  userGroups(userId: string): QueueGroup[];
  /** Who owns a user group; null when no such group exists. */
  groupOwner(groupId: string): string | null;
  /** True when another group of the user already has this name (case-insensitive). */
  groupNameTaken(userId: string, name: string, exceptGroupId: string | null): boolean;
  saveGroup(userId: string, group: SavedGroup, now: number): QueueGroup;
  deleteGroup(userId: string, groupId: string): boolean;
  /** Every user's overrides (loaded once: tiles read them on every build). */
  overrides(): ThresholdOverride[];
  /** Sets (or with null clears) a user's own override of a queue, and records the change. */
  setOverride(userId: string, queueId: string, thresholds: Partial<Thresholds> | null, now: number): void;
}

interface GroupRecord {
  readonly groupId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly queueIds: string;
}

function toGroup(record: GroupRecord): QueueGroup {
  return { groupId: record.groupId, name: record.name, channel: record.channel, queueIds: JSON.parse(record.queueIds) as string[], preset: false };
}

export function createPreferences(db: StoreConnection): Preferences {
  const statements = {
    layout: db.prepare<[string], string>('SELECT hidden_queue_ids FROM live_layouts WHERE user_id = ?').pluck(),
    saveLayout: db.prepare<[string, string, number]>(
      `INSERT INTO live_layouts (user_id, hidden_queue_ids, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET hidden_queue_ids = excluded.hidden_queue_ids, updated_at = excluded.updated_at`,
    ),
    groupsOfUser: db.prepare<[string], GroupRecord>(
      'SELECT group_id AS groupId, name, channel, queue_ids AS queueIds FROM live_groups WHERE user_id = ? ORDER BY name, group_id',
    ),
    groupOwner: db.prepare<[string], string>('SELECT user_id FROM live_groups WHERE group_id = ?').pluck(),
    nameTaken: db.prepare<[string, string, string], number>('SELECT 1 FROM live_groups WHERE user_id = ? AND name = ? AND group_id <> ?').pluck(),
    saveGroup: db.prepare<[string, string, string, string, string, number, number]>(
      `INSERT INTO live_groups (group_id, user_id, name, channel, queue_ids, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (group_id) DO UPDATE SET name = excluded.name, channel = excluded.channel, queue_ids = excluded.queue_ids,
         updated_at = excluded.updated_at`,
    ),
    deleteGroup: db.prepare<[string, string]>('DELETE FROM live_groups WHERE group_id = ? AND user_id = ?'),
    overrides: db.prepare<[], { userId: string; queueId: string; thresholds: string; setAt: number }>(
      'SELECT user_id AS userId, queue_id AS queueId, thresholds, set_at AS setAt FROM threshold_overrides ORDER BY user_id, queue_id',
    ),
    setOverride: db.prepare<[string, string, string, number]>(
      `INSERT INTO threshold_overrides (user_id, queue_id, thresholds, set_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id, queue_id) DO UPDATE SET thresholds = excluded.thresholds, set_at = excluded.set_at`,
    ),
    clearOverride: db.prepare<[string, string]>('DELETE FROM threshold_overrides WHERE user_id = ? AND queue_id = ?'),
    recordOverride: db.prepare<[string, string | null, string, number]>(
      'INSERT INTO threshold_override_changes (queue_id, thresholds, set_by, set_at) VALUES (?, ?, ?, ?)',
    ),
  };
  const setOverride = db.transaction((userId: string, queueId: string, thresholds: Partial<Thresholds> | null, now: number) => {
    const json = thresholds === null ? null : JSON.stringify(thresholds);
    if (json === null) statements.clearOverride.run(userId, queueId);
    else statements.setOverride.run(userId, queueId, json, now);
    statements.recordOverride.run(queueId, json, userId, now);
  });

  return {
    layout(userId) {
      const json = statements.layout.get(userId);
      return { hiddenQueueIds: json === undefined ? [] : (JSON.parse(json) as string[]) };
    },
    saveLayout(userId, hiddenQueueIds, now) {
      const unique = [...new Set(hiddenQueueIds)];
      statements.saveLayout.run(userId, JSON.stringify(unique), now);
      return { hiddenQueueIds: unique };
    },
    userGroups(userId) {
      return statements.groupsOfUser.all(userId).map(toGroup);
    },
    groupOwner(groupId) {
      return statements.groupOwner.get(groupId) ?? null;
    },
    groupNameTaken(userId, name, exceptGroupId) {
      return statements.nameTaken.get(userId, name, exceptGroupId ?? '') !== undefined;
    },
    saveGroup(userId, group, now) {
      statements.saveGroup.run(group.groupId, userId, group.name, group.channel, JSON.stringify(group.queueIds), now, now);
      return { groupId: group.groupId, name: group.name, channel: group.channel, queueIds: [...group.queueIds], preset: false };
    },
    deleteGroup(userId, groupId) {
      return statements.deleteGroup.run(groupId, userId).changes > 0;
    },
    overrides() {
      return statements.overrides.all().map((row) => ({ userId: row.userId, queueId: row.queueId, thresholds: JSON.parse(row.thresholds) as Partial<Thresholds>, setAt: row.setAt }));
    },
    setOverride(userId, queueId, thresholds, now) {
      setOverride.immediate(userId, queueId, thresholds, now);
    },
  };
}
