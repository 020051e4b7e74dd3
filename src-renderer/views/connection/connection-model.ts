/**
 * Words and rules of the connection screens, kept pure so they are tested without a browser: what
 * a test result means for a supervisor, what the feed form still needs, and how a connection is
 * named in lists.
 */
import type { ConnectionProblem, ConnectionSummary, ConnectionTestResult } from '../../../src-shared/api/connection.js';
import { assertNever } from '../../../src-shared/result.js';
import { useT } from '../../i18n/translate.js';

const t = useT('connection');

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
      return t('notAFeedAddress');
    case 'unreachable':
      return t('feedNotReachable');
    case 'tls':
      return t('secureConnectionFailed');
    case 'unauthorized':
      return t('tokenRefused');
    case 'unsupported_version':
      return t('unsupportedFeedVersion');
    case 'timeout':
      return t('noAnswerInTime');
    case 'not_a_feed':
      return t('notAFloorwatchFeed');
    default:
      return assertNever(problem, 'connection problem');
  }
}

/** One line for a successful test: who the feed says you are. */
export function describeSuccess(result: Extract<ConnectionTestResult, { ok: true }>, roleLabel: (role: string) => string): string {
  if (result.user === null) return t('connectedProtocolProtocolversionLatencyms', { protocolVersion: result.protocolVersion, latencyMs: result.latencyMs });
  const scope = result.user.queueScope === null ? t('allQueues') : t('queueCount', { count: result.user.queueScope.length });
  return t('connectedAsNameValue1', { name: result.user.name, value1: roleLabel(result.user.role), scope, latencyMs: result.latencyMs });
}

/** ws:// or wss://, read with the URL parser. */
export function feedUrlError(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed.length === 0) return t('enterTheFeedAddress');
  try {
    const parsed = new URL(trimmed);
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return t('theAddressMustStart');
    return null;
  } catch {
    return t('thisIsNotA');
  }
}

/** What the form still needs before it can be tested or saved; a saved feed keeps its token when the field is left empty. */
export function feedFormErrors(form: FeedForm, editing: ConnectionSummary | null): { readonly url: string | null; readonly token: string | null } {
  const needsToken = editing === null || !editing.hasToken;
  return { url: feedUrlError(form.url), token: needsToken && form.token.trim().length === 0 ? 'Enter the token for this feed.' : null };
}

/** How a connection is named in lists. */
export function connectionTitle(connection: ConnectionSummary): string {
  if (connection.kind === 'embedded') return connection.demoUserId === null ? t('simulatedFloor') : t('simulatedFloorAsDemouserid', { demoUserId: connection.demoUserId });
  return connection.label;
}
