/**
 * A tile is one tab stop (its name's link), not one per figure: E on the focused tile opens its
 * "Explain" list, from which every figure's explanation is a Tab and an Enter away.
 */
import type { KeyboardEvent, RefObject } from 'react';

/** The key, shown to assistive technology on the tile's link (`aria-keyshortcuts`). */
export const EXPLAIN_KEY = 'E';

/** Presses the tile's Explain button when E is pressed on its link; other keys keep their meaning. */
export function onTileKeyDown(event: KeyboardEvent<HTMLElement>, explain: RefObject<HTMLButtonElement | null>): void {
  if (event.key.toUpperCase() !== EXPLAIN_KEY || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (!(event.target instanceof HTMLAnchorElement)) return;
  event.preventDefault();
  explain.current?.click();
}
