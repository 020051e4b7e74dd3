/**
 * Connects the store to the core once, at startup: link state, the session, and the live topics.
 * Components never subscribe to the core themselves.
 */
import type { ConsoleClient } from '../client/console-client.js';
import type { ConsoleStore } from './console-store.js';

/**
 * Starts feeding the store from the client; returns a function that stops it.
 * The session is read again every time the link opens: a console started before its host recovers
 * by itself, and after the host closed the link because the feed named another user (4010) the
 * console shows that user's session, not the last one.
 */
export function wireStore(client: ConsoleClient, store: ConsoleStore, localClock: () => number = Date.now): () => void {
  const { actions } = store.getState();
  let sessionInFlight = false;

  const loadSession = (): void => {
    if (sessionInFlight) return;
    sessionInFlight = true;
    void client.query({ type: 'session.info' }).then((result) => {
      sessionInFlight = false;
      if (result.ok) actions.sessionLoaded(result.value);
      // A request cut off by a lost link is retried when the link reopens; only a real refusal is shown.
      else if (store.getState().link.state === 'open') actions.sessionFailed(result.error);
    });
  };

  const stops = [
    client.onLink((link) => {
      actions.linkChanged(link);
      if (link === 'open') loadSession();
    }),
    client.subscribe({ topic: 'status' }, (status) => actions.feedStatusReceived(status, localClock()), (error) => actions.overviewFailed(error)),
    client.subscribe({ topic: 'overview' }, (message) => actions.overviewReceived(message), (error) => actions.overviewFailed(error)),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
