/**
 * Words and rules of the connection screens, kept pure so they are tested without a browser: what
 * a test result means for a supervisor, what the feed form still needs, and how a connection is
 * named in lists.
 */
import type { ConnectionProblem, ConnectionSummary, ConnectionTestResult } from '../../../src-shared/api/connection.js';
import { assertNever } from '../../../src-shared/result.js';

export interface FeedForm {
  readonly label: string;
  readonly url: string;
  readonly token: string;
}

export const EMPTY_FEED_FORM: FeedForm = { label: '', url: '', token: '' };

/** A short title for each cause a test can report. */
export function problemTitle(problem: ConnectionProblem): string {
  switch (problem) {
    case 'invalid_url':
      return 'Not a feed address';
    case 'unreachable':
      return 'Feed not reachable';
    case 'tls':
      return 'Secure connection failed';
    case 'unauthorized':
      return 'Token refused';
    case 'unsupported_version':
      return 'Unsupported feed version';
    case 'timeout':
      return 'No answer in time';
    case 'not_a_feed':
      return 'Not a Floorwatch feed';
    default:
      return assertNever(problem, 'connection problem');
  }
}

/** One line for a successful test: who the feed says you are. */
export function describeSuccess(result: Extract<ConnectionTestResult, { ok: true }>, roleLabel: (role: string) => string): string {
  if (result.user === null) return `Connected (protocol ${result.protocolVersion}, ${result.latencyMs} ms). The feed names no user: this console will show only what a wallboard shows.`;
  const scope = result.user.queueScope === null ? 'all queues' : `${result.user.queueScope.length} ${result.user.queueScope.length === 1 ? 'queue' : 'queues'}`;
  return `Connected as ${result.user.name} (${roleLabel(result.user.role)}, ${scope}), ${result.latencyMs} ms.`;
}

/** ws:// or wss://, read with the URL parser. */
export function feedUrlError(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed.length === 0) return 'Enter the feed address your administrator gave you.';
  try {
    const parsed = new URL(trimmed);
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return 'The address must start with wss:// (or ws:// on a local network).';
    return null;
  } catch {
    return 'This is not a valid address; it looks like wss://feed.example.com/live.';
  }
}

/** What the form still needs before it can be tested or saved; a saved feed keeps its token when the field is left empty. */
export function feedFormErrors(form: FeedForm, editing: ConnectionSummary | null): { readonly url: string | null; readonly token: string | null } {
  const needsToken = editing === null || !editing.hasToken;
  return { url: feedUrlError(form.url), token: needsToken && form.token.trim().length === 0 ? 'Enter the token for this feed.' : null };
}

/** How a connection is named in lists. */
export function connectionTitle(connection: ConnectionSummary): string {
  if (connection.kind === 'embedded') return connection.demoUserId === null ? 'Simulated floor' : `Simulated floor as ${connection.demoUserId}`;
  return connection.label;
}
