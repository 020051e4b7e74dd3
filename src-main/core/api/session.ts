import { allows, type Capability, type Role } from '../../../src-shared/permissions.js';
import { scopeIncludes, scopeOf, type QueueScope } from '../queue-scope.js';

export type { QueueScope } from '../queue-scope.js';

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

export function inScope(session: Pick<Session, 'queueScope'>, queueId: string): boolean {
  return session.queueScope === null || session.queueScope.includes(queueId);
}

/**
 * What a handler receives instead of the raw session: who asks, the scope to hand to every read,
 * and the capability test that already takes the scope into account.
 */
export interface Access extends Session {
  readonly scope: QueueScope;
  /** The role's capability, less the whole-floor ones for a scoped session (src-shared/permissions.ts). */
  can(capability: Capability): boolean;
  /** Whether a queue is inside the session's scope. */
  sees(queueId: string): boolean;
}

/** The one way a session becomes an Access: the API service calls it for every request. */
export function accessFor(session: Session): Access {
  const scope = scopeOf(session.queueScope, allows(session.role, session.queueScope, 'live.transcripts'));
  return {
    userId: session.userId,
    displayName: session.displayName,
    role: session.role,
    queueScope: scope.queues,
    scope,
    can: (capability) => allows(session.role, session.queueScope, capability),
    sees: (queueId) => scopeIncludes(scope, queueId),
  };
}
