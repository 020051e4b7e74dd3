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
