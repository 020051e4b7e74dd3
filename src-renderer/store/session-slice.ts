/** Who is looking: the session from 'session.info', or why it could not be read. */
import type { SessionInfo } from '../../src-shared/api/contract.js';
import { useT } from '../i18n/translate.js';

const t = useT('shell');

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly info: SessionInfo }
  | { readonly status: 'error'; readonly error: string };

export const initialSessionState: SessionState = { status: 'loading' };

/** Why this session cannot see the live floor, or null when it can. */
export function liveViewRefusal(session: SessionState): string | null {
  switch (session.status) {
    case 'loading':
      return null;
    case 'error':
      return session.error;
    case 'ready':
      return session.info.capabilities.includes('live.view') ? null : t('yourRoleRoleIs', { role: session.info.role });
    default: {
      const unexpected: never = session;
      return unexpected;
    }
  }
}
