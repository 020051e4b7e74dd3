/**
 * The directory as the Users grid needs it: one request for the first window when the listing
 * changes, then the windows the user scrolls to, by offset and limit. Answers to a listing that is
 * no longer current are dropped; until the new listing's first answer, the last rows stay on
 * screen (marked busy) instead of flashing empty.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UserRow } from '../../../src-shared/api/management.js';
import { useClient } from '../../hooks/client-context.js';
import { MAX_PAGE, PAGE_SIZE, addPage, listingKey, missingPages, pageQuery, type Listing, type RowWindow } from './users-model.js';

/** Name of the performance mark set when a listing's first request leaves (bench/users.ts reads the measures). */
export const USERS_REQUEST_MARK = 'users-request';
/** Name of the measure from a listing's first request to its rows in the DOM. */
export const USERS_RENDER_MEASURE = 'users-filter';
/** Name of the measure from a listing's first request to its answer (the core's and the link's share). */
export const USERS_ANSWER_MEASURE = 'users-answer';

export interface UserRows {
  /** The rows on screen: the current listing's, or the previous one's while the current is loading. */
  readonly loaded: RowWindow | null;
  /** Whether `loaded` belongs to the current listing. */
  readonly current: boolean;
  readonly error: string | null;
  /** Asks for the pages covering rows first..last that are not loaded yet. */
  requestRange(first: number, last: number): void;
  /** Reads rows first..last of the current listing (for a shift-click range or "all matching"). */
  readRows(first: number, last: number): Promise<readonly UserRow[] | string>;
  /** Call once the current listing's rows are in the DOM: closes the request-to-render measure. */
  rendered(): void;
}

/** The rows of a listing, paged in as the user scrolls. */
export function useUserRows(listing: Listing): UserRows {
  const client = useClient();
  const key = listingKey(listing);
  const [loaded, setLoaded] = useState<RowWindow | null>(null);
  const [error, setError] = useState<{ readonly key: string; readonly text: string } | null>(null);
  const currentKey = useRef(key);
  const requested = useRef<Set<number>>(new Set());
  const latestListing = useRef(listing);
  latestListing.current = listing;
  const pendingMeasure = useRef<{ readonly key: string; readonly mark: string } | null>(null);

  const fetchPage = useCallback(
    (forKey: string, forListing: Listing, pageIndex: number): void => {
      requested.current.add(pageIndex);
      void client.query(pageQuery(forListing, pageIndex * PAGE_SIZE, PAGE_SIZE)).then((result) => {
        if (currentKey.current !== forKey) return;
        if (!result.ok) {
          requested.current.delete(pageIndex);
          setError({ key: forKey, text: result.error });
          return;
        }
        const pending = pendingMeasure.current;
        if (pageIndex === 0 && pending !== null && pending.key === forKey) performance.measure(USERS_ANSWER_MEASURE, { start: pending.mark });
        setError(null);
        setLoaded((previous) => addPage(previous, forKey, result.value));
      });
    },
    [client],
  );

  useEffect(() => {
    currentKey.current = key;
    requested.current = new Set();
    const mark = `${USERS_REQUEST_MARK}:${key}`;
    performance.mark(mark);
    pendingMeasure.current = { key, mark };
    fetchPage(key, latestListing.current, 0);
  }, [key, fetchPage]);

  const requestRange = useCallback(
    (first: number, last: number): void => {
      if (loaded === null || loaded.key !== currentKey.current) return;
      for (const pageIndex of missingPages(loaded, first, last, requested.current)) fetchPage(loaded.key, latestListing.current, pageIndex);
    },
    [loaded, fetchPage],
  );

  const readRows = useCallback(
    async (first: number, last: number): Promise<readonly UserRow[] | string> => {
      const forListing = latestListing.current;
      const rows: UserRow[] = [];
      for (let offset = Math.max(0, first); offset <= last; offset += MAX_PAGE) {
        const result = await client.query(pageQuery(forListing, offset, Math.min(MAX_PAGE, last - offset + 1)));
        if (!result.ok) return result.error;
        rows.push(...result.value.rows);
        if (result.value.rows.length === 0 || offset + result.value.rows.length >= result.value.total) break;
      }
      return rows;
    },
    [client],
  );

  const rendered = useCallback((): void => {
    const pending = pendingMeasure.current;
    if (pending === null || loaded === null || pending.key !== loaded.key) return;
    pendingMeasure.current = null;
    performance.measure(USERS_RENDER_MEASURE, { start: pending.mark, detail: { key: pending.key, total: loaded.total } });
    performance.clearMarks(pending.mark);
  }, [loaded]);

  return {
    loaded,
    current: loaded !== null && loaded.key === key,
    error: error !== null && error.key === key ? error.text : null,
    requestRange,
    readRows,
    rendered,
  };
}
