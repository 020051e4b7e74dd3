/**
 * A long grid that scrolls itself under a sticky header, renders only the rows on screen, and is
 * one tab stop the keyboard moves through (ARIA grid with aria-activedescendant): arrows, Page
 * Up/Down, Home and End move the active row, which is kept in view; Enter and Space do what the
 * grid says. The conversation search results and the users directory are both built on it.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';

export interface VirtualGridOptions {
  /** Rows in the grid (all of them, not only those rendered). */
  readonly count: number;
  readonly rowHeight: number;
  /** Rows rendered beyond the visible ones on each side. */
  readonly overscan: number;
  /** The active row's index, or -1 before the keyboard has chosen one. */
  readonly activeIndex: number;
  readonly onActiveChange: (index: number) => void;
  /** Enter on the active row; absent: Enter does nothing here. */
  readonly onEnter?: (index: number) => void;
  /** Space on the active row (with Shift for a range); absent: Space does nothing here. */
  readonly onSpace?: (index: number, shiftKey: boolean) => void;
}

export interface VirtualGrid {
  /** On the element with role="grid": it scrolls, and holds the focus. */
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  /** On the header rowgroup: its height is the rows' scroll margin, so none hides under it. */
  readonly headRef: RefObject<HTMLDivElement | null>;
  readonly virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** The header's height: a row at virtual position `start` sits at `start - headHeight` in the body. */
  readonly headHeight: number;
  readonly onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
}

/** The scrolling, virtualising and keyboard of a grid; the caller renders the rows it is given. */
export function useVirtualGrid(options: VirtualGridOptions): VirtualGrid {
  const { count, rowHeight, activeIndex } = options;
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const [headHeight, setHeadHeight] = useState(0);
  useLayoutEffect(() => setHeadHeight(headRef.current?.offsetHeight ?? 0), []);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: options.overscan,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
  });

  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < count) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, count, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // The grid itself holds focus; keys on its sort buttons and checkboxes keep their own meaning.
    if (count === 0 || event.target !== event.currentTarget) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
    const current = Math.max(0, activeIndex);
    const move = (index: number): void => {
      event.preventDefault();
      options.onActiveChange(Math.max(0, Math.min(count - 1, index)));
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(activeIndex < 0 ? 0 : current + 1);
      case 'ArrowUp':
        return move(current - 1);
      case 'PageDown':
        return move(current + page);
      case 'PageUp':
        return move(current - page);
      case 'Home':
        return move(0);
      case 'End':
        return move(count - 1);
      case 'Enter':
        if (options.onEnter === undefined) return;
        event.preventDefault();
        options.onEnter(current);
        return;
      case ' ':
        if (options.onSpace === undefined) return;
        event.preventDefault();
        options.onSpace(current, event.shiftKey);
        return;
      default:
        return;
    }
  };

  return { scrollRef, headRef, virtualizer, headHeight, onKeyDown };
}
