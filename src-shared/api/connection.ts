/**
 * API contract of the console's connection (ADR 0017): which feed this console reads (the
 * simulated floor or a remote feed), testing a feed before using it, and switching at runtime (a
 * shared workstation: several users in turn, each with their own feed token). Composed into the
 * one contract in contract.ts. The console runtime answers these, never a core, and only for the
 * console's own sockets: a wallboard device may never change the connection. A feed token goes
 * in (save, test) and never comes back out: answers say only whether one is kept.
 */
import { z } from 'zod';
import type { Capability } from '../permissions.js';

const id = z.string().min(1).max(128);

/** The WHATWG URL parser both runtimes have (Node and the browser); src-shared's lib names neither. */
declare const URL: new (input: string) => { readonly protocol: string };

/** ws:// or wss://, checked with the URL parser (not by matching text). */
export const feedUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine((value) => {
    try {
      const parsed = new URL(value);
      return parsed.protocol === 'ws:' || parsed.protocol === 'wss:';
    } catch {
      return false;
    }
  }, 'The feed address must start with ws:// or wss://');

const tokenSchema = z.string().max(512);

// ---- shapes ----

export type ConnectionKind = 'embedded' | 'remote';

export interface ConnectionSummary {
  readonly connectionId: string;
  readonly kind: ConnectionKind;
  readonly label: string;
  /** The feed's address without credentials; null for the simulated floor. */
  readonly url: string | null;
  /** The simulated floor's demo user this console signs in as; null: the floor's default. */
  readonly demoUserId: string | null;
  /** Whether a token is kept for this feed (the token itself is never shown again). */
  readonly hasToken: boolean;
}

export interface DemoUserChoice {
  readonly userId: string;
  readonly displayName: string;
  readonly role: string;
}

export interface ConnectionOverview {
  readonly connections: readonly ConnectionSummary[];
  /** The connection in use now. */
  readonly currentId: string;
  /** No connection was ever chosen here: the renderer offers the "Connect to your feed" screen. */
  readonly firstRun: boolean;
  /** Set when --feed-url (or FLOORWATCH_FEED_URL) chose this run's feed; saved settings apply again next start. */
  readonly setByFlags: boolean;
  /** Demo users of the simulated floor, when it has several. */
  readonly demoUsers: readonly DemoUserChoice[];
  /** Present while a switch is under way. */
  readonly switchingTo: string | null;
}

export type ConnectionProblem = 'invalid_url' | 'unreachable' | 'tls' | 'unauthorized' | 'unsupported_version' | 'timeout' | 'not_a_feed';

/** What a test of a feed found: the user it names, or why it failed in words a supervisor can act on. */
export type ConnectionTestResult =
  | {
      readonly ok: true;
      readonly protocolVersion: number;
      /** The user the feed authenticated the token as (protocol v1.1); null when the feed names none (v1: least privilege). */
      readonly user: { readonly userId: string; readonly name: string; readonly role: string; readonly queueScope: readonly string[] | null } | null;
      readonly latencyMs: number;
    }
  | { readonly ok: false; readonly problem: ConnectionProblem; readonly message: string };

// ---- queries ----

export const connectionQuerySchemas = [z.object({ type: z.literal('connection.list') })] as const;

export interface ConnectionQueryResults {
  'connection.list': ConnectionOverview;
}

/** Every role may read the console's connection: the role of an unidentified user is the least one. */
export const CONNECTION_QUERY_CAPABILITY = {
  'connection.list': 'live.tiles',
} as const satisfies Record<keyof ConnectionQueryResults, Capability>;

// ---- commands ----

/** What a saved connection holds, as the settings form sends it. */
export const connectionDraftSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('remote'),
    /** Absent: a new connection. */
    connectionId: id.optional(),
    label: z.string().trim().max(80).default(''),
    url: feedUrlSchema,
    /** Absent: keep the token saved for this connection. */
    token: tokenSchema.optional(),
  }),
  z.object({ kind: z.literal('embedded'), demoUserId: id.nullable().default(null) }),
]);
export type ConnectionDraft = z.infer<typeof connectionDraftSchema>;
export type ConnectionDraftInput = z.input<typeof connectionDraftSchema>;

export const connectionCommandSchemas = [
  z.object({
    type: z.literal('connection.test'),
    url: feedUrlSchema,
    /** Absent with a connectionId: test with the token saved for it. */
    token: tokenSchema.optional(),
    connectionId: id.optional(),
  }),
  z.object({ type: z.literal('connection.save'), connection: connectionDraftSchema }),
  z.object({ type: z.literal('connection.use'), connectionId: id }),
  z.object({ type: z.literal('connection.forget'), connectionId: id }),
] as const;

export interface ConnectionCommandResults {
  'connection.test': ConnectionTestResult;
  'connection.save': ConnectionSummary;
  /** Answered once the new connection's cache is open; then every console socket closes (4010) and the UI reconnects as the new user. */
  'connection.use': ConnectionSummary;
  'connection.forget': { readonly connectionId: string };
}

/**
 * Every role, because the first user of a console may not be identified yet (least privilege);
 * the runtime itself refuses wallboard devices.
 */
export const CONNECTION_COMMAND_CAPABILITY = {
  'connection.test': 'live.tiles',
  'connection.save': 'live.tiles',
  'connection.use': 'live.tiles',
  'connection.forget': 'live.tiles',
} as const satisfies Record<keyof ConnectionCommandResults, Capability>;

/** Close code of a console socket when the runtime signs in as another user or switches feed. */
export const CLOSE_SESSION_CHANGED = 4010;
