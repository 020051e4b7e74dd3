/**
 * The contract's wire constants, restated with the contract's own literal types. Importing the
 * values from src-shared/api/contract.ts would pull its runtime schemas (and zod with them) into
 * the page; the types make any drift a compile error instead.
 */
import type { CLOSE_CONSOLE_TOKEN_ROTATED, UnreadableReason } from '../../src-shared/api/console.js';
import type { API_PATH, API_SUBPROTOCOL, API_TOKEN_SUBPROTOCOL_PREFIX, Topic } from '../../src-shared/api/contract.js';

export const apiPath: typeof API_PATH = '/api';
export const apiSubprotocol: typeof API_SUBPROTOCOL = 'floorwatch-api-v1';
export const apiTokenSubprotocolPrefix: typeof API_TOKEN_SUBPROTOCOL_PREFIX = 'auth.';

export const TOPICS = [
  'overview',
  'status',
  'live.conversations',
  'live.transcript',
  'live.performance',
  'history.export',
  'wallboard.live',
  'alerts',
  'insights.export',
] as const satisfies readonly Topic[];

/** Fails to compile when the contract gains a topic this list lacks. */
type MissingTopic = Exclude<Topic, (typeof TOPICS)[number]>;
const everyTopicListed: MissingTopic extends never ? true : false = true;
void everyTopicListed;

/** Whether a value names a topic of the contract. */
export function isTopic(value: unknown): value is Topic {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
}

/** Close code of the console's sockets after its token was rotated (the page then connects with the new one). */
export const closeConsoleTokenRotated: typeof CLOSE_CONSOLE_TOKEN_ROTATED = 4011;

const UNREADABLE_REASONS = ['oversized', 'not_json', 'binary', 'no_id'] as const satisfies readonly UnreadableReason[];
type MissingReason = Exclude<UnreadableReason, (typeof UNREADABLE_REASONS)[number]>;
const everyReasonListed: MissingReason extends never ? true : false = true;
void everyReasonListed;

/** Whether a value names a reason the core gives for refusing a message without a readable id. */
export function isUnreadableReason(value: unknown): value is UnreadableReason {
  return typeof value === 'string' && (UNREADABLE_REASONS as readonly string[]).includes(value);
}
