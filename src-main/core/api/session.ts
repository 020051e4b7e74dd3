import type { Role } from '../../../src-shared/permissions.js';

/** Who is asking: every query, subscription and command is checked against the session's role and queue scope. */
export interface Session {
  readonly userId: string;
  readonly displayName: string;
  readonly role: Role;
  /** Queues this user may see; null means every queue. */
  readonly queueScope: readonly string[] | null;
}

/**
 * The session of a console the feed has named nobody for (a v1 feed, or no welcome yet and no user
 * remembered): aggregate tiles only, what any TV on the floor shows. Never admin by default.
 */
export const LEAST_PRIVILEGE_SESSION: Session = Object.freeze({
  userId: 'unidentified',
  displayName: 'Unidentified user',
  role: 'wallboard',
  queueScope: null,
});

/** Where the console's session comes from (the core, from the feed's welcome); read when a socket opens. */
export interface SessionSource {
  current(): Session;
  /** Called when the feed names another user. Returns an unsubscribe. */
  onChange(listener: (session: Session) => void): () => void;
}

export function inScope(session: Session, queueId: string): boolean {
  return session.queueScope === null || session.queueScope.includes(queueId);
}
