/** Hands the console-link controls the page's access token, when it has one (a browser on the host; not the desktop app). */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { AccessTokenHolder } from '../client/access-token.js';

const AccessTokenContext = createContext<AccessTokenHolder | null>(null);

export function AccessTokenProvider({ holder, children }: { readonly holder: AccessTokenHolder | null; readonly children: ReactNode }) {
  return <AccessTokenContext.Provider value={holder}>{children}</AccessTokenContext.Provider>;
}

/** The page's token holder, or null where there is no console token (inside the desktop app). */
export function useAccessToken(): AccessTokenHolder | null {
  return useContext(AccessTokenContext);
}
