/**
 * The window title names the view ("Billing — Performance · Floorwatch"), so a taskbar, a window
 * switcher, a browser tab and a screen reader's window list tell one console window from another.
 */
import { useEffect } from 'react';
import { groupTileId } from '../../src-shared/api/live.js';
import { metricDefinition } from '../../src-shared/metrics/dictionary.js';
import { assertNever } from '../../src-shared/result.js';
import { useConsole } from '../hooks/store-context.js';
import type { ManageSection, QueueTab, Route } from './router.js';

const TAB_WORDS: Readonly<Record<QueueTab, string>> = { conversations: 'Live conversations', performance: 'Performance', staffing: 'Staffing' };
const MANAGE_WORDS: Readonly<Record<ManageSection, string>> = { hours: 'Business hours', thresholds: 'Thresholds', users: 'Users' };

/** The parts of a view's title, most specific first; `name` turns an overview tile id into its name. */
export function viewTitleParts(route: Route, name: (id: string) => string | undefined): readonly string[] {
  switch (route.view) {
    case 'overview':
      return ['Live floor'];
    case 'queue': {
      const id = route.target.kind === 'queue' ? route.target.queueId : route.target.groupId;
      const tileId = route.target.kind === 'queue' ? id : groupTileId(id);
      return [name(tileId) ?? id, TAB_WORDS[route.tab]];
    }
    case 'dictionary':
      return route.metricId === null ? ['Data dictionary'] : [metricDefinition(route.metricId).label, 'Data dictionary'];
    case 'history':
      return route.conversationId === null ? ['Conversations'] : [`Conversation ${route.conversationId}`];
    case 'audit':
      return ['Audit'];
    case 'alerts':
      return ['Alerts'];
    case 'wallboards':
      return ['Wallboards'];
    case 'manage':
      return route.queueId === null ? [MANAGE_WORDS[route.section], 'Manage'] : [name(route.queueId) ?? route.queueId, MANAGE_WORDS[route.section]];
    case 'connection':
      return ['Connection'];
    case 'wallboard':
      return ['Wallboard'];
    case 'replay':
      return ['Replay'];
    default:
      return assertNever(route, 'route');
  }
}

/** The whole title from its parts. */
export function windowTitle(parts: readonly string[]): string {
  const named = parts.filter((part) => part.trim().length > 0);
  return named.length === 0 ? 'Floorwatch' : `${named.join(' — ')} · Floorwatch`;
}

/**
 * Keeps `document.title` on the current view; names come from the overview once it has them.
 * Null while the wallboard player shows: it names its board itself.
 */
export function useViewTitle(route: Route | null): void {
  const title = useConsole((state) => (route === null ? null : windowTitle(viewTitleParts(route, (id) => state.overview.queues[id]?.name))));
  useEffect(() => {
    if (title !== null) document.title = title;
  }, [title]);
}
