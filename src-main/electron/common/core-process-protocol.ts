/**
 * The messages between the main process and the core's utility process (postMessage on both
 * sides). API traffic is the shared contract's ClientMessage / ServerMessage, tagged with the
 * window it belongs to so each window has its own connection, subscriptions and pushes.
 */
import { z } from 'zod';
import type { ClientMessage, ServerMessage } from '../../../src-shared/api/contract.js';

/**
 * Whom a window's connection runs as: the console's user, or (the TV window) a wallboard-role
 * session within that user's queue scope, which can read tiles and boards and nothing else.
 */
export type WindowAudience = 'console' | 'wallboard';

export type MainToCore =
  | { readonly kind: 'start'; readonly argv: readonly string[]; readonly dataDir: string }
  /** Sent when a window opens, before its page can send anything; a window never named is a console window. */
  | { readonly kind: 'window-audience'; readonly windowId: number; readonly audience: WindowAudience }
  | { readonly kind: 'request'; readonly windowId: number; readonly message: ClientMessage }
  | { readonly kind: 'close-window'; readonly windowId: number }
  | { readonly kind: 'shutdown' };

export type CoreToMain =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'server'; readonly windowId: number; readonly message: ServerMessage }
  | { readonly kind: 'stopped'; readonly error: string | null };

const windowId = z.number().int().nonnegative();

// The request body is left to the core's ApiConnection, which validates it and answers errors by id.
const mainToCoreSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), argv: z.array(z.string()).readonly(), dataDir: z.string().min(1) }),
  z.object({ kind: z.literal('request'), windowId, message: z.custom<ClientMessage>((value) => typeof value === 'object' && value !== null) }),
  z.object({ kind: z.literal('window-audience'), windowId, audience: z.enum(['console', 'wallboard']) }),
  z.object({ kind: z.literal('close-window'), windowId }),
  z.object({ kind: z.literal('shutdown') }),
]);

const serverMessage = z.custom<ServerMessage>((value) => {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  if (kind === 'response') return Number.isInteger((value as { id?: unknown }).id);
  if (kind === 'push') return typeof (value as { subscriptionId?: unknown }).subscriptionId === 'string';
  if (kind === 'error') return typeof (value as { error?: unknown }).error === 'string';
  return false;
});

const coreToMainSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('failed'), error: z.string() }),
  z.object({ kind: z.literal('server'), windowId, message: serverMessage }),
  z.object({ kind: z.literal('stopped'), error: z.string().nullable() }),
]);

/** Reads a message arriving in the core process; null for anything that is not one of ours. */
export function parseMainToCore(message: unknown): MainToCore | null {
  const checked = mainToCoreSchema.safeParse(message);
  return checked.success ? checked.data : null;
}

/** Reads a message arriving from the core process; null for anything that is not one of ours. */
export function parseCoreToMain(message: unknown): CoreToMain | null {
  const checked = coreToMainSchema.safeParse(message);
  return checked.success ? checked.data : null;
}
