/** The core's clock, ticking once a second: ages are measured on it, not on this machine's clock. */
import { coreNow } from '../store/feed-slice.js';
import { useConsole } from './store-context.js';
import { useNow } from './use-now.js';

/** The core's now, re-rendering the caller once a second; the offset comes from the last feed status. */
export function useCoreNow(): number {
  const offset = useConsole((state) => state.feed.clockOffsetMs);
  return coreNow(useNow(), offset);
}
