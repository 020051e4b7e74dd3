/** The UI↔core link as the UI needs it: its state and whether it was ever up (first connect vs. reconnect). */
import type { LinkState } from '../client/console-client.js';

export interface LinkSliceState {
  readonly state: LinkState;
  readonly everOpened: boolean;
}

export const initialLinkState: LinkSliceState = { state: 'connecting', everOpened: false };

/** Folds one link change into the slice. */
export function reduceLink(previous: LinkSliceState, next: LinkState): LinkSliceState {
  const everOpened = previous.everOpened || next === 'open';
  return previous.state === next && previous.everOpened === everOpened ? previous : { state: next, everOpened };
}
