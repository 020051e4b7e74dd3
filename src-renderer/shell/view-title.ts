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
import { useT, type KeyOf } from '../i18n/translate.js';

const t = useT('shell');

const TAB_WORDS: Readonly<Record<QueueTab, KeyOf<'shell'>>> = { conversations: 'titleLiveConversations', performance: 'titlePerformance', staffing: 'titleStaffing' };
const MANAGE_WORDS: Readonly<Record<ManageSection, KeyOf<'shell'>>> = { hours: 'titleBusinessHours', thresholds: 'titleThresholds', users: 'titleUsers' };

/** The parts of a view's title, most specific first; `name` turns an overview tile id into its name. */
export function viewTitleParts(route: Route, name: (id: string) => string | undefined): readonly string[] {
  switch (route.view) {
    case 'overview':
      return [t('titleLiveFloor')];
    case 'queue': {
      const id = route.target.kind === 'queue' ? route.target.queueId : route.target.groupId;
      const tileId = route.target.kind === 'queue' ? id : groupTileId(id);
      return [name(tileId) ?? id, t(TAB_WORDS[route.tab])];
    }
    case 'dictionary':
      return route.metricId === null ? [t('titleDictionary')] : [metricDefinition(route.metricId).label, t('titleDictionary')];
    case 'history':
      return route.conversationId === null ? [t('navConversations')] : [t('titleConversation', { id: route.conversationId })];
    case 'insights':
      return [t('navInsights')];
    case 'audit':
      return [t('navAudit')];
    case 'alerts':
      return [t('navAlerts')];
    case 'wallboards':
      return [t('navWallboards')];
    case 'manage':
      return route.queueId === null ? [t(MANAGE_WORDS[route.section]), t('navManage')] : [name(route.queueId) ?? route.queueId, t(MANAGE_WORDS[route.section])];
    case 'connection':
      return [t('navConnection')];
    case 'wallboard':
      return [t('titleWallboard')];
    case 'replay':
      return [t('navReplay')];
    case 'reports':
      return [t('navReports')];
    default:
      return assertNever(route, 'route');
  }
}

/** The whole title from its parts. */
export function windowTitle(parts: readonly string[]): string {
  const named = parts.filter((part) => part.trim().length > 0);
  return named.length === 0 ? t('brand') : t('value0Floorwatch', { value0: named.join(' — ') });
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
