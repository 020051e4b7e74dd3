/**
 * The wallboard itself, full screen on a TV: the playlist's boards in turn (or the one the route
 * pins), large and high-contrast, with no interaction needed and no session to expire. When the
 * feed or the console is lost it says so across the top with the time of the last update, dims
 * every tile, and recovers by itself.
 */
import { memo, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Board, Playlist } from '../../../src-shared/wallboard/board.js';
import type { Route } from '../../shell/router.js';
import { useConsole } from '../../hooks/store-context.js';
import { useCoreNow } from '../../hooks/use-core-now.js';
import { useSubscription } from '../../hooks/use-api.js';
import { connectionDisplay, connectionLabelText, isStale } from '../../store/freshness.js';
import { BoardView } from './board-view.js';
import { WallboardLiveProvider, useWallboardLive } from './live-context.js';
import { createWallboardLiveStore } from './live-data.js';
import { BoardContextProvider, type BoardContextValue } from './tile-frame.js';
import { useWallboardSetup } from './use-wallboard-setup.js';
import { boardFreshness, boardTimeZone, clockTime, pixelShiftAt, rotationAt, startRotation, type Rotation } from './wallboard-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

/** How long a screen that never reached the console waits before explaining why (a revoked or wrong link). */
const ACCESS_HINT_AFTER_MS = 8_000;

const browserTimers = {
  setTimeout: (callback: () => void, ms: number): unknown => window.setTimeout(callback, ms),
  clearTimeout: (handle: unknown): void => window.clearTimeout(handle as number),
};

/** The playlist's current board; restarts from the first entry when the boards or the playlist change. */
function useRotation(boardIds: readonly string[], playlist: Playlist, pinnedBoardId: string | null): Rotation {
  const key = JSON.stringify([boardIds, playlist, pinnedBoardId]);
  const [state, setState] = useState<{ readonly key: string; readonly rotation: Rotation } | null>(null);
  useEffect(() => {
    const [ids, entries, pinned] = JSON.parse(key) as [string[], Playlist, string | null];
    return startRotation({ boardIds: ids, playlist: entries, pinnedBoardId: pinned, now: Date.now, timers: browserTimers, onChange: (rotation) => setState({ key, rotation }) });
  }, [key]);
  // Until the effect runs for a new key, show where the new playlist starts rather than the old board.
  return state !== null && state.key === key ? state.rotation : rotationAt(boardIds, playlist, pinnedBoardId, 0);
}

/** The offset of the whole board against burn-in, moved every few minutes. */
function usePixelShift(): { readonly x: number; readonly y: number } {
  const [shift, setShift] = useState(() => pixelShiftAt(Date.now()));
  useEffect(() => {
    const timer = window.setTimeout(() => setShift(pixelShiftAt(Date.now())), shift.nextInMs + 50);
    return () => window.clearTimeout(timer);
  }, [shift]);
  return shift;
}

/** Keeps the screen awake where the browser allows it (a TV browser, a kiosk); the Electron window does this itself. */
function useWakeLock(): void {
  useEffect(() => {
    let lock: WakeLockSentinel | null = null;
    let active = true;
    const request = (): void => {
      if (!('wakeLock' in navigator) || document.visibilityState !== 'visible') return;
      navigator.wakeLock.request('screen').then(
        (sentinel) => {
          if (active) lock = sentinel;
          else void sentinel.release();
        },
        () => undefined,
      );
    };
    request();
    document.addEventListener('visibilitychange', request);
    return () => {
      active = false;
      document.removeEventListener('visibilitychange', request);
      void lock?.release();
    };
  }, []);
}

/** True once the link has failed to open for a while: the screen then explains instead of spinning. */
function useNeverConnected(): boolean {
  const everOpened = useConsole((state) => state.link.everOpened);
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    if (everOpened) return undefined;
    const timer = window.setTimeout(() => setWaited(true), ACCESS_HINT_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [everOpened]);
  return !everOpened && waited;
}

function PlayerScreen({ title, children, testId, busy = false }: { readonly title: string; readonly children?: ReactNode; readonly testId: string; readonly busy?: boolean }) {
  return (
    <main className="wb-player wb-theme--dark" data-testid="wallboard-player" data-state={testId}>
      <div className="wb-screen" role={busy ? 'status' : 'alert'} data-testid={testId} aria-busy={busy}>
        {busy ? <span className="spinner" aria-hidden="true" /> : null}
        <h1 className="wb-screen__title">{title}</h1>
        {children === undefined ? null : <div className="wb-screen__body">{children}</div>}
      </div>
    </main>
  );
}

function AccessScreen({ reason }: { readonly reason: string | null }) {
  return (
    <PlayerScreen title={t('thisScreenCannotShow')} testId="wallboard-access">
      <p>{reason ?? t('theConsoleRefusedThis')}</p>
      <p>{t('ifTheLinkWas')}</p>
    </PlayerScreen>
  );
}

/** The banner, ticking once a second only while it is shown. */
function StaleBoardBannerBody({ timeZone }: { readonly timeZone: string | undefined }) {
  const link = useConsole((state) => state.link.state);
  const linkEverOpened = useConsole((state) => state.link.everOpened);
  const status = useConsole((state) => state.feed.status);
  const overviewAsOf = useConsole((state) => state.overview.asOfTime);
  const liveAsOf = useWallboardLive((state) => state.asOfTime);
  const coreNowMs = useCoreNow();
  const freshness = boardFreshness({ link, linkEverOpened, status, sourcesAsOf: [overviewAsOf, liveAsOf], coreNowMs, ...(timeZone === undefined ? {} : { timeZone }) });
  if (!freshness.stale) return null;
  return (
    <div className="wb-stale" role="alert" data-testid="wallboard-stale-banner">
      <p className="wb-stale__headline">
        <span className="wb-stale__icon" aria-hidden="true" />
        {freshness.headline}
      </p>
      <p className="wb-stale__detail" aria-live="off">
        {freshness.detail}
      </p>
    </div>
  );
}

const StaleBoardBanner = memo(function StaleBoardBanner({ timeZone }: { readonly timeZone: string | undefined }) {
  const due = useConsole((state) => isStale(state.link.state, state.link.everOpened, state.feed.status));
  return due ? <StaleBoardBannerBody timeZone={timeZone} /> : null;
});

function Clock({ timeZone }: { readonly timeZone: string | undefined }) {
  const now = useCoreNow();
  const text = clockTime(now, timeZone);
  return (
    <time className="wb-header__clock" data-testid="wallboard-clock" title={timeZone === undefined ? t('localTime') : t('timeInTimezone', { timeZone })}>
      {text}
    </time>
  );
}

function LinkPill() {
  const link = useConsole((state) => state.link.state);
  const everOpened = useConsole((state) => state.link.everOpened);
  const status = useConsole((state) => state.feed.status);
  const display = connectionDisplay(link, everOpened, status);
  return (
    <span className={`status-pill status-pill--${display.tone} wb-header__pill`} data-testid="wallboard-connection">
      <span className="status-pill__dot" aria-hidden="true" />
      {connectionLabelText(display.label)}
    </span>
  );
}

function PlayerHeader({ board, rotation, timeZone }: { readonly board: Board; readonly rotation: Extract<Rotation, { kind: 'board' }>; readonly timeZone: string | undefined }) {
  return (
    <header className="wb-header">
      <span className="brand-mark wb-header__mark" aria-hidden="true" />
      <h1 className="wb-header__name" data-testid="wallboard-board-name">
        {board.name}
      </h1>
      {rotation.count > 1 ? (
        <span className="wb-header__position" data-testid="wallboard-position" role="img" aria-label={t('boardValue0OfCount', { value0: rotation.position + 1, count: rotation.count })}>
          {Array.from({ length: rotation.count }, (_, index) => (
            <span key={index} className={`wb-header__dot${index === rotation.position ? ' is-current' : ''}`} />
          ))}
        </span>
      ) : null}
      <span className="wb-header__spacer" />
      <LinkPill />
      <Clock timeZone={timeZone} />
    </header>
  );
}

/** Everything after the session is known: setup, live data, rotation and the board. */
function Player({ pinnedBoardId }: { readonly pinnedBoardId: string | null }) {
  const { setup, error: setupError } = useWallboardSetup();
  const [liveStore] = useState(createWallboardLiveStore);
  const liveError = useSubscription({ topic: 'wallboard.live' }, (message) => liveStore.getState().actions.receive(message));
  useEffect(() => {
    if (liveError !== null) liveStore.getState().actions.failed(liveError);
  }, [liveError, liveStore]);
  const boards = setup?.boards ?? [];
  const boardIds = boards.map((board) => board.boardId);
  const rotation = useRotation(boardIds, setup?.playlist ?? { entries: [] }, pinnedBoardId);
  const board = rotation.kind === 'board' ? (boards.find((candidate) => candidate.boardId === rotation.boardId) ?? null) : null;
  const timeZone = useConsole((state) => boardTimeZone(board, state.overview.queues));
  const stale = useConsole((state) => isStale(state.link.state, state.link.everOpened, state.feed.status));
  const shift = usePixelShift();
  useWakeLock();

  useEffect(() => {
    document.title = board === null ? 'Floorwatch wallboard' : `${board.name} · Floorwatch`;
  }, [board]);

  const theme = board?.theme ?? 'dark';
  const context = useMemo<BoardContextValue>(() => ({ stale, timeZone, theme }), [stale, timeZone, theme]);

  let content: ReactNode;
  if (setup === null) {
    content =
      setupError === null ? (
        <div className="wb-screen" role="status" aria-busy="true" data-testid="wallboard-loading">
          <span className="spinner" aria-hidden="true" />
          <h1 className="wb-screen__title">{t('loadingTheBoards')}</h1>
        </div>
      ) : (
        <div className="wb-screen" role="alert" data-testid="wallboard-error">
          <h1 className="wb-screen__title">{t('theBoardsCannotBe')}</h1>
          <div className="wb-screen__body">
            <p>{setupError}</p>
            <p>{t('thisScreenTriesAgain')}</p>
          </div>
        </div>
      );
  } else if (rotation.kind === 'none') {
    content = (
      <div className="wb-screen" role="status" data-testid="wallboard-empty">
        <h1 className="wb-screen__title">{t('noBoardsYet')}</h1>
        <div className="wb-screen__body">
          <p>{t('createABoardIn')}</p>
        </div>
      </div>
    );
  } else if (rotation.kind === 'missing') {
    content = (
      <div className="wb-screen" role="alert" data-testid="wallboard-missing">
        <h1 className="wb-screen__title">{t('thisBoardDoesNot')}</h1>
        <div className="wb-screen__body">
          <p>{t('noBoardHasThe')}{rotation.boardId}{t('itMayHaveBeen')}</p>
        </div>
      </div>
    );
  } else if (board !== null) {
    content = (
      <>
        <PlayerHeader board={board} rotation={rotation} timeZone={timeZone} />
        <BoardView key={board.boardId} board={board} />
      </>
    );
  }

  return (
    <WallboardLiveProvider store={liveStore}>
      <BoardContextProvider value={context}>
        {/* The whole screen is the page's main landmark: a board has no other content. */}
        <main
          className={`wb-player wb-theme--${theme}${stale ? ' is-stale' : ''}`}
          data-testid="wallboard-player"
          data-state={board === null ? 'waiting' : 'board'}
          data-board-id={board?.boardId}
          data-stale={stale}
        >
          <StaleBoardBanner timeZone={timeZone} />
          <div className="wb-player__stage" style={{ transform: `translate(${shift.x}px, ${shift.y}px)` }}>
            {content}
          </div>
        </main>
      </BoardContextProvider>
    </WallboardLiveProvider>
  );
}

/** The player for a route (`#/wallboard` or `#/wallboard/<boardId>`) or a wallboard session. */
export function WallboardPlayer({ route }: { readonly route: Extract<Route, { view: 'wallboard' }> }) {
  const session = useConsole((state) => state.session);
  const neverConnected = useNeverConnected();
  if (session.status === 'error') return <AccessScreen reason={session.error} />;
  if (session.status === 'loading') {
    return neverConnected ? <AccessScreen reason={null} /> : <PlayerScreen title={t('connectingToTheConsole')} testId="wallboard-connecting" busy />;
  }
  if (!session.info.capabilities.includes('wallboard.view')) return <AccessScreen reason={t('thisRoleRoleMay', { role: session.info.role })} />;
  return <Player pinnedBoardId={route.boardId} />;
}
