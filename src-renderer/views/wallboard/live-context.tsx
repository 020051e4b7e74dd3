/** Hands the player's live store to its tiles; they read it with atomic selectors. */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { WallboardLiveState, WallboardLiveStore } from './live-data.js';

const LiveContext = createContext<WallboardLiveStore | null>(null);

export function WallboardLiveProvider({ store, children }: { readonly store: WallboardLiveStore; readonly children: ReactNode }) {
  return <LiveContext.Provider value={store}>{children}</LiveContext.Provider>;
}

/** The store itself, for tiles that feed a chart from it outside React. */
export function useWallboardLiveStore(): WallboardLiveStore {
  const store = useContext(LiveContext);
  if (store === null) throw new Error('Wallboard tiles need a WallboardLiveProvider above them.');
  return store;
}

/** Reads one slice of the live data; re-renders only when it changes by identity. */
export function useWallboardLive<T>(selector: (state: WallboardLiveState) => T): T {
  return useStore(useWallboardLiveStore(), selector);
}
