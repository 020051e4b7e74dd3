/**
 * The only two IPC channels between a window and the main process. The preload bundles this
 * file, so it must stay free of runtime imports (a sandboxed preload may require only electron).
 */
import type { ApiRequestInput, ServerMessage } from '../../../src-shared/api/contract.js';

/** Renderer → main, via invoke: one API request, answered with a Result. */
export const REQUEST_CHANNEL = 'floorwatch:request';
/** Main → renderer: subscription pushes for that window only. */
export const PUSH_CHANNEL = 'floorwatch:push';

/** What travels on REQUEST_CHANNEL; an object so the envelope can grow without a new channel. */
export interface RequestEnvelope {
  readonly request: ApiRequestInput;
}

/** What travels on PUSH_CHANNEL: a subscription push from the core, for one window. */
export type PushMessage = Extract<ServerMessage, { kind: 'push' }>;
