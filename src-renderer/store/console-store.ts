/**
 * The renderer's one store, built from typed slices. Components read it with atomic selectors;
 * only the startup wiring (wire-store.ts) writes to it.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { SessionInfo } from '../../src-shared/api/contract.js';
import type { FeedStatus, OverviewMessage } from '../../src-shared/api/live.js';
import type { LinkState } from '../client/console-client.js';
import { initialFeedState, receiveFeedStatus } from './feed-slice.js';
import type { FeedState } from './feed-slice.js';
import { initialLinkState, reduceLink } from './link-slice.js';
import type { LinkSliceState } from './link-slice.js';
import { initialOverviewState, reduceOverview } from './overview-slice.js';
import type { OverviewState } from './overview-slice.js';
import { initialSessionState } from './session-slice.js';
import type { SessionState } from './session-slice.js';

export interface ConsoleActions {
  sessionLoaded(info: SessionInfo): void;
  sessionFailed(error: string): void;
  overviewReceived(message: OverviewMessage): void;
  overviewFailed(error: string): void;
  feedStatusReceived(status: FeedStatus, receivedAtLocalMs: number): void;
  linkChanged(link: LinkState): void;
}

export interface ConsoleState {
  readonly session: SessionState;
  readonly overview: OverviewState;
  readonly feed: FeedState;
  readonly link: LinkSliceState;
  /** Stable for the store's lifetime, so selecting it never re-renders. */
  readonly actions: ConsoleActions;
}

export type ConsoleStore = StoreApi<ConsoleState>;

/** Creates an empty store; one per page. */
export function createConsoleStore(): ConsoleStore {
  return createStore<ConsoleState>()((set) => ({
    session: initialSessionState,
    overview: initialOverviewState,
    feed: initialFeedState,
    link: initialLinkState,
    actions: {
      sessionLoaded: (info) => set({ session: { status: 'ready', info } }),
      sessionFailed: (error) => set({ session: { status: 'error', error } }),
      overviewReceived: (message) =>
        set((state) => {
          const overview = reduceOverview(state.overview, message);
          return overview === state.overview ? state : { overview };
        }),
      overviewFailed: (error) => set((state) => ({ overview: { ...state.overview, error } })),
      feedStatusReceived: (status, receivedAtLocalMs) => set({ feed: receiveFeedStatus(status, receivedAtLocalMs) }),
      linkChanged: (link) =>
        set((state) => {
          const next = reduceLink(state.link, link);
          return next === state.link ? state : { link: next };
        }),
    },
  }));
}
