/**
 * The boards and playlist for the player. Unlike a plain query it keeps the last good answer
 * through outages (a TV must never go blank because one refresh failed) and re-reads the setup
 * every minute and whenever the link comes back, so edits made in the console reach the TV.
 */
import { useEffect, useState } from 'react';
import type { WallboardSetup } from '../../../src-shared/api/wallboard.js';
import { useClient } from '../../hooks/client-context.js';
import { plainEqual } from '../../store/plain-equal.js';

export const SETUP_REFRESH_MS = 60_000;

export interface SetupState {
  readonly setup: WallboardSetup | null;
  /** The last refusal; null once an answer arrives. */
  readonly error: string | null;
}

/** Loads the setup now, on every link (re)open and every minute; a failed refresh keeps what is on screen. */
export function useWallboardSetup(): SetupState {
  const client = useClient();
  const [state, setState] = useState<SetupState>({ setup: null, error: null });
  useEffect(() => {
    let current = true;
    let inFlight = false;
    const load = (): void => {
      if (inFlight) return;
      inFlight = true;
      void client.query({ type: 'wallboard.setup' }).then((result) => {
        inFlight = false;
        if (!current) return;
        setState((previous) => {
          // An unchanged setup keeps its identity, so the board on screen does not re-render every minute.
          if (result.ok) return previous.error === null && plainEqual(previous.setup, result.value) ? previous : { setup: result.value, error: null };
          return { setup: previous.setup, error: result.error };
        });
      });
    };
    const stopLink = client.onLink((link) => {
      if (link === 'open') load();
    });
    const timer = setInterval(load, SETUP_REFRESH_MS);
    return () => {
      current = false;
      stopLink();
      clearInterval(timer);
    };
  }, [client]);
  return state;
}
