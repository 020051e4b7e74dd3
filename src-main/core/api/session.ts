import type { Role } from '../../../src-shared/permissions.js';

/** Who is asking: every query, subscription and command is checked against the session's role and queue scope. */
export interface Session {
  readonly userId: string;
  readonly displayName: string;
  readonly role: Role;
  /** Queues this user may see; null means every queue. */
  readonly queueScope: readonly string[] | null;
}

export function inScope(session: Session, queueId: string): boolean {
  return session.queueScope === null || session.queueScope.includes(queueId);
}

/**
 * Who the console is signed in as, now and when it changes (a shared workstation: the feed names
 * another user, or the console switches connection). A console socket takes `current()` when it
 * opens; on a change every console socket is closed and the UI reconnects as the new user.
 */
export interface SessionSource {
  current(): Session;
  onChange(listener: (session: Session) => void): () => void;
}
