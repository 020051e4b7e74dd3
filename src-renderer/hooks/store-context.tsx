/** Hands the page's one store to components; they read it with atomic selectors. */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ConsoleState, ConsoleStore } from '../store/console-store.js';

const StoreContext = createContext<ConsoleStore | null>(null);

/** Provides the store to the tree; a context rather than a module singleton keeps the store injectable. */
export function StoreProvider({ store, children }: { readonly store: ConsoleStore; readonly children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/**
 * Reads one slice of the store and re-renders only when it changes (by identity).
 * Wrap a selector that builds a new object or array in useShallow.
 */
export function useConsole<T>(selector: (state: ConsoleState) => T): T {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useConsole needs a StoreProvider above it.');
  return useStore(store, selector);
}
