/**
 * Who the feed says the user is (protocol v1.1): the user and the audit anchor of the last welcome,
 * and the listeners told when the user changes. A v1 feed's welcome names nobody: the user is then
 * null, and the core grants the least privilege.
 */
import type { AuditHead, FeedUser, ServerFrameOf } from '../../../src-shared/protocol/frames.js';

function sameUser(a: FeedUser | null, b: FeedUser | null): boolean {
  if (a === null || b === null) return a === b;
  const scopeA = a.queueScope === null ? null : a.queueScope.join('\u0000');
  const scopeB = b.queueScope === null ? null : b.queueScope.join('\u0000');
  return a.userId === b.userId && a.name === b.name && a.role === b.role && scopeA === scopeB;
}

export class FeedIdentity {
  private welcomed = false;
  private current: FeedUser | null = null;
  private anchor: AuditHead | null = null;
  private readonly listeners = new Set<(user: FeedUser | null) => void>();

  /** The user named by the last welcome; null before any welcome, or when the feed named nobody (v1). */
  user(): FeedUser | null {
    return this.current;
  }

  /** The audit head the feed holds for this user, from the last welcome. */
  auditAnchor(): AuditHead | null {
    return this.anchor;
  }

  /** Called after the first welcome and whenever a welcome names someone else. Returns an unsubscribe. */
  onChange(listener: (user: FeedUser | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes the welcome's identity; `notify` runs each listener so that one failing cannot stop the rest. */
  adopt(frame: ServerFrameOf<'welcome'>, notify: (call: () => void) => void): void {
    const next = frame.user ?? null;
    this.anchor = frame.auditAnchor ?? null;
    if (this.welcomed && sameUser(this.current, next)) return;
    this.welcomed = true;
    this.current = next;
    for (const listener of this.listeners) notify(() => listener(next));
  }
}
