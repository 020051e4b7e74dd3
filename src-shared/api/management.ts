/**
 * API contract of Management (docs/product.md §6): business hours, thresholds and the people of
 * the floor, read from what the feed says and changed only through the feed. Every change is a
 * supervisor action: checked against the session's role and queue scope, audited, sent to the
 * feed and answered with its receipt. Composed into the one contract in contract.ts.
 */
import { z } from 'zod';
import type { Capability, Role } from '../permissions.js';
import { ROLES } from '../permissions.js';
import type { BusinessHours, Channel, OverflowRule, Thresholds } from '../protocol/events.js';
import { businessHoursSchema, thresholdsSchema } from '../protocol/events.js';
import type { QueueHoursState } from '../business-hours.js';
import type { ActionReceipt } from './live-insights.js';

const id = z.string().min(1).max(128);

// ---- shapes ----

/** A queue's organisation settings as the feed last said them, with whether it is open now. */
export interface QueueSettings {
  readonly queueId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly timeZone: string;
  readonly serviceLevelTargetSec: number;
  readonly businessHours: BusinessHours;
  /** The organisation's thresholds (the feed's); a personal override is live.thresholds' business. */
  readonly thresholds: Thresholds;
  readonly overflowRules: readonly OverflowRule[];
  readonly hours: QueueHoursState;
}

/** Where a person is now: busy is derived (available with a conversation); offline when not logged in. */
export type UserStatus = 'available' | 'busy' | 'away' | 'offline';
export const USER_STATUSES = ['available', 'busy', 'away', 'offline'] as const satisfies readonly UserStatus[];

/** One person of the directory the feed keeps (agents and supervisors), as its `user.profile` says. */
export interface DirectoryPerson {
  readonly userId: string;
  readonly name: string;
  readonly kind: 'agent' | 'supervisor';
  /** Console role; null: no console (most agents). */
  readonly role: Role | null;
  readonly queueScope: readonly string[] | null;
  readonly teamId: string;
  readonly teamName: string;
  readonly location: string;
  readonly queueIds: readonly string[];
  readonly slots: number;
}

/** A person of the directory with where they are now. */
export interface UserRow extends DirectoryPerson {
  readonly status: UserStatus;
  readonly statusReason: string;
  /** Since when in this status; null when the feed never said. */
  readonly statusSince: number | null;
}

export const USER_SORT_KEYS = ['name', 'team', 'location', 'role', 'status', 'slots', 'queues'] as const;
export type UserSortKey = (typeof USER_SORT_KEYS)[number];

/** One window of the filtered, sorted directory, with what the filters can offer. */
export interface UserPage {
  /** Rows matching the filters (all of them, not just this window). */
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly UserRow[];
  /** The floor state's sequence the page was read at. */
  readonly asOfSeq: number;
  /** Teams of the people the session may see, for the team filter. */
  readonly teams: readonly { readonly teamId: string; readonly teamName: string }[];
  /** The feed's away reasons, in its order (empty when the feed sent none). */
  readonly awayReasons: readonly string[];
}

// ---- queries ----

export const userFilterSchema = z.object({
  /** Matches name, team, location or user id, case- and accent-insensitive. */
  search: z.string().max(200).optional(),
  queueId: id.optional(),
  teamId: id.optional(),
  /** A console role, or 'none' for people without one. */
  role: z.enum([...ROLES, 'none']).optional(),
  status: z.enum(USER_STATUSES).optional(),
});
export type UserFilter = z.infer<typeof userFilterSchema>;

export const managementQuerySchemas = [
  z.object({ type: z.literal('management.queues') }),
  z.object({
    type: z.literal('management.users'),
    filter: userFilterSchema.default({}),
    sort: z.object({ key: z.enum(USER_SORT_KEYS), direction: z.enum(['asc', 'desc']) }).default({ key: 'name', direction: 'asc' }),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  }),
] as const;

export interface ManagementQueryResults {
  'management.queues': readonly QueueSettings[];
  'management.users': UserPage;
}

/** Business hours and thresholds are visible read-only to anyone who sees queues; the directory is for those who manage users. */
export const MANAGEMENT_QUERY_CAPABILITY = {
  'management.queues': 'live.view',
  'management.users': 'admin.users',
} as const satisfies Record<keyof ManagementQueryResults, Capability>;

// ---- commands (each a supervisor action sent to the feed) ----

export const managementCommandSchemas = [
  z.object({ type: z.literal('queue.business_hours'), queueId: id, businessHours: businessHoursSchema }),
  z.object({ type: z.literal('queue.thresholds'), queueId: id, thresholds: thresholdsSchema }),
  z.object({ type: z.literal('agent.queues'), agentId: id, queueIds: z.array(id).max(256) }),
  z.object({ type: z.literal('agent.capacity'), agentId: id, slots: z.number().int().min(1).max(32) }),
  z.object({ type: z.literal('user.role'), userId: id, role: z.enum(ROLES).nullable(), queueScope: z.array(id).max(10_000).nullable().optional() }),
] as const;

export interface ManagementCommandResults {
  'queue.business_hours': ActionReceipt;
  'queue.thresholds': ActionReceipt;
  'agent.queues': ActionReceipt;
  'agent.capacity': ActionReceipt;
  'user.role': ActionReceipt;
}

export const MANAGEMENT_COMMAND_CAPABILITY = {
  'queue.business_hours': 'admin.business_hours',
  'queue.thresholds': 'admin.thresholds',
  'agent.queues': 'admin.users',
  'agent.capacity': 'admin.users',
  'user.role': 'admin.users',
} as const satisfies Record<keyof ManagementCommandResults, Capability>;
