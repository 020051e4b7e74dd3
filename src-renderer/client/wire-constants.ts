/**
 * The contract's wire constants, restated with the contract's own literal types. Importing the
 * values from src-shared/api/contract.ts would pull its runtime schemas (and zod with them) into
 * the page; the types make any drift a compile error instead.
 */
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
] as const satisfies readonly Topic[];

/** Fails to compile when the contract gains a topic this list lacks. */
type MissingTopic = Exclude<Topic, (typeof TOPICS)[number]>;
const everyTopicListed: MissingTopic extends never ? true : false = true;
void everyTopicListed;

/** Whether a value names a topic of the contract. */
export function isTopic(value: unknown): value is Topic {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
}
