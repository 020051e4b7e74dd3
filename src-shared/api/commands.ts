/**
 * What every layer agrees on about commands, free of zod so the renderer can import its values:
 * how a command is written canonically, how long each layer waits for its answer, and what the
 * core's command ledger says about a command id (docs/decisions/0013-command-ledger.md).
 */
import type { Result } from '../result.js';

/**
 * JSON with object keys sorted at every level and undefined fields left out, so equal content
 * always gives the same text.
 *
 * Why not JSON.stringify alone: key order follows insertion order, which a refactor of the code
 * building an object could change, silently breaking every stored audit hash and making one
 * user intent look like two.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** How long a command may take to be acknowledged by the feed: the core's wait for the feed's answer. */
export const COMMAND_ACK_TIMEOUT_MS = 30_000;

/** How much longer each layer waits than the layer below it, so the lower one always answers first. */
export const COMMAND_LAYER_MARGIN_MS = 5_000;

/**
 * How long each layer waits for a command's answer, from the bottom up: the core waits for the
 * feed, the Electron main process for the core, the renderer for whichever transport it uses. A
 * layer that gave up before the one below it could call a command lost that is then applied.
 */
export const COMMAND_WAIT_MS = {
  feed: COMMAND_ACK_TIMEOUT_MS,
  main: COMMAND_ACK_TIMEOUT_MS + COMMAND_LAYER_MARGIN_MS,
  renderer: COMMAND_ACK_TIMEOUT_MS + 2 * COMMAND_LAYER_MARGIN_MS,
} as const;

/**
 * What the core's ledger knows about one command id of the asking user (query commands.outcome).
 * - `none`: the core never took this command (or forgot it after a week): it was not applied.
 * - `pending`: the core is applying it now; ask again later.
 * - `interrupted`: the core stopped while applying it; sending it again under the same id finishes it, once.
 * - `done`: the first outcome, the answer every retry gets.
 */
export type LedgerOutcome =
  | { readonly state: 'none' }
  | { readonly state: 'pending' }
  | { readonly state: 'interrupted' }
  | { readonly state: 'done'; readonly result: Result<unknown> };
