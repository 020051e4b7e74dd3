/**
 * The session a window's connection runs as. The TV window shows the floor to whoever walks past,
 * so it runs as a wallboard, like a LAN device (deviceSession in core/wallboard/devices.ts): live
 * tiles and boards within the console user's queue scope, no queue lists, conversations, actions
 * or connection settings, whatever the console's own role.
 */
import type { Session } from '../../core/api/session.js';
import type { WindowAudience } from '../common/core-process-protocol.js';
import { assertNever } from '../../../src-shared/result.js';

/** The TV window's user id: a `device:` id, so the renderer treats it as a device (never the connection settings). */
export const WALLBOARD_WINDOW_USER_ID = 'device:wallboard-window';

/** The session for a window, from the console's current session. */
export function windowSession(consoleSession: Session, audience: WindowAudience): Session {
  switch (audience) {
    case 'console':
      return consoleSession;
    case 'wallboard':
      return { userId: WALLBOARD_WINDOW_USER_ID, displayName: 'Wallboard window', role: 'wallboard', queueScope: consoleSession.queueScope };
    default:
      return assertNever(audience, 'window audience');
  }
}
