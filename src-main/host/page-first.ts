/**
 * The page first (ADR 0048, addendum): the core's start takes the host's only thread for hundreds
 * of ms (compiling its modules, opening the cache, restoring the live floor), so it waits until
 * the console's page has been served, and Chromium parses the page's scripts while the core
 * starts. A host nobody opens at once starts its core after a short grace; a page that asked but
 * never finished (a closed tab) holds it no longer than a limit.
 */

/** How long a host waits for a page to ask before it starts its core anyway. */
export const PAGE_FIRST_GRACE_MS = 300;
/** How long a page that asked may hold the core's start. */
export const PAGE_FIRST_LIMIT_MS = 2_000;

/** The paths of the files index.html names: its module scripts, module preloads and stylesheets. */
export function filesNamedBy(indexHtml: string): string[] {
  const named = [...indexHtml.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="\.?\/?([^"#?]+\.(?:m?js|css))"/g)].map((match) => `/${match[1]}`);
  return [...new Set(named)];
}

export interface PageFirst {
  /** A static request began for `path` (the URL's path). */
  requested(path: string): void;
  /** The answer to `path` was sent (or failed): either way the page has had its turn. */
  answered(path: string): void;
  /** Resolves once the first page's files are answered, after the grace with no page, or at the limit. */
  readonly settled: Promise<void>;
  /** Stops its timers (a host closing before its core started). */
  cancel(): void;
}

export function watchFirstPage(files: readonly string[], timing = { graceMs: PAGE_FIRST_GRACE_MS, limitMs: PAGE_FIRST_LIMIT_MS }): PageFirst {
  const waiting = new Set(files);
  let pageAsked = false;
  let done = false;
  let settle = (): void => undefined;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const finish = (): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    settle();
  };
  let timer = setTimeout(finish, timing.graceMs);
  return {
    requested(path) {
      if (done || pageAsked || (path !== '/' && path !== '/index.html')) return;
      pageAsked = true;
      clearTimeout(timer);
      timer = setTimeout(finish, timing.limitMs);
    },
    answered(path) {
      if (done || !pageAsked) return;
      waiting.delete(path);
      if (waiting.size === 0) finish();
    },
    settled,
    cancel: finish,
  };
}
