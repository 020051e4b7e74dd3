/**
 * Where the console is: a route in the URL fragment (`#/queue/q-1/performance`), so the back
 * button, reloads and bookmarks work the same over the host and Electron's app:// scheme, and a
 * TV can be pointed at `#/wallboard`. The access token travels as `#token=...` and is taken out
 * of the fragment before any route is read (client/access-token.ts).
 */
import { useSyncExternalStore } from 'react';
import type { HistoryFilters } from '../../src-shared/api/history.js';
import { historyFiltersSchema } from '../../src-shared/api/history.js';
import type { LiveTarget } from '../../src-shared/api/live-insights.js';
import type { MetricId } from '../../src-shared/metrics/dictionary.js';
import { METRIC_IDS } from '../../src-shared/metrics/dictionary.js';
import { assertNever } from '../../src-shared/result.js';

export type QueueTab = 'conversations' | 'performance' | 'staffing';

/** The sections of Management (docs/product.md §6). */
export const MANAGE_SECTIONS = ['hours', 'thresholds', 'users'] as const;
export type ManageSection = (typeof MANAGE_SECTIONS)[number];

export type Route =
  | { readonly view: 'overview' }
  | { readonly view: 'queue'; readonly target: LiveTarget; readonly tab: QueueTab; readonly conversationId: string | null; readonly agentId: string | null }
  | { readonly view: 'dictionary'; readonly metricId: MetricId | null }
  /** `drill` opens the Conversation Manager on a search, its dates read in its zone (a drill-down from Insights). */
  | { readonly view: 'history'; readonly conversationId: string | null; readonly drill?: HistoryDrill }
  /** Historical Insights: a dashboard (the first when null) and its view state as URL parameters. */
  | { readonly view: 'insights'; readonly dashboardId: string | null; readonly params: string }
  | { readonly view: 'audit' }
  /** The alert centre: open alerts, history, notification choices. */
  | { readonly view: 'alerts' }
  | { readonly view: 'wallboards' }
  /** Management: business hours and thresholds (of one queue when queueId is set), or the users. */
  | { readonly view: 'manage'; readonly section: ManageSection; readonly queueId: string | null }
  /** The console's connection settings (never on a wallboard device). */
  | { readonly view: 'connection' }
  /** The wallboard itself, full screen (a TV, or the console's TV window). */
  | { readonly view: 'wallboard'; readonly boardId: string | null }
  /** The overview as it was at a past moment of the local log (docs/decisions/0025-floor-replay.md). */
  | { readonly view: 'replay' }
  /** Scheduled e-mail reports: schedules, send history, the mail server. */
  | { readonly view: 'reports' };

export type ViewId = Route['view'];

/** A search handed to the Conversation Manager by a link: its filters and the zone its dates are in. */
export interface HistoryDrill {
  readonly filters: HistoryFilters;
  readonly timeZone: string;
}

const OVERVIEW: Route = { view: 'overview' };

function segment(value: string): string {
  return encodeURIComponent(value);
}

function decoded(value: string | undefined): string | null {
  if (value === undefined || value.length === 0) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** Search filters carried in a history link; anything that is not valid filters is ignored. */
function historyFiltersFrom(text: string | null): HistoryFilters | null {
  if (text === null) return null;
  try {
    const parsed = historyFiltersSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Reads a route from a location hash; anything it does not understand is the overview. */
export function parseRoute(hash: string): Route {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const [path = '', queryString = ''] = body.split('?', 2);
  const parts = path.split('/').filter((part) => part.length > 0);
  const params = new URLSearchParams(queryString);
  switch (parts[0]) {
    case 'queue':
    case 'group': {
      const id = decoded(parts[1]);
      if (id === null) return OVERVIEW;
      const target: LiveTarget = parts[0] === 'queue' ? { kind: 'queue', queueId: id } : { kind: 'group', groupId: id };
      const tab: QueueTab = parts[2] === 'performance' || parts[2] === 'staffing' ? parts[2] : 'conversations';
      return { view: 'queue', target, tab, conversationId: params.get('conversation'), agentId: params.get('agent') };
    }
    case 'dictionary': {
      const metric = decoded(parts[1]);
      return { view: 'dictionary', metricId: (METRIC_IDS as readonly string[]).includes(metric ?? '') ? (metric as MetricId) : null };
    }
    case 'history': {
      const filters = historyFiltersFrom(params.get('filters'));
      const conversationId = decoded(parts[1]);
      return filters === null ? { view: 'history', conversationId } : { view: 'history', conversationId, drill: { filters, timeZone: params.get('zone') ?? 'UTC' } };
    }
    case 'insights':
      return { view: 'insights', dashboardId: decoded(parts[1]), params: params.toString() };
    case 'audit':
      return { view: 'audit' };
    case 'alerts':
      return { view: 'alerts' };
    case 'wallboards':
      return { view: 'wallboards' };
    case 'connection':
      return { view: 'connection' };
    case 'manage': {
      const section = (MANAGE_SECTIONS as readonly string[]).includes(parts[1] ?? '') ? (parts[1] as ManageSection) : 'hours';
      return { view: 'manage', section, queueId: decoded(parts[2]) };
    }
    case 'wallboard':
      return { view: 'wallboard', boardId: decoded(parts[1]) };
    case 'replay':
      return { view: 'replay' };
    case 'reports':
      return { view: 'reports' };
    default:
      return OVERVIEW;
  }
}

/** The fragment for a route, with its leading '#'. */
export function formatRoute(route: Route): string {
  switch (route.view) {
    case 'overview':
      return '#/';
    case 'queue': {
      const base = route.target.kind === 'queue' ? `#/queue/${segment(route.target.queueId)}` : `#/group/${segment(route.target.groupId)}`;
      const params = new URLSearchParams();
      if (route.conversationId !== null) params.set('conversation', route.conversationId);
      if (route.agentId !== null) params.set('agent', route.agentId);
      const query = params.toString();
      return `${base}/${route.tab}${query.length > 0 ? `?${query}` : ''}`;
    }
    case 'dictionary':
      return route.metricId === null ? '#/dictionary' : `#/dictionary/${route.metricId}`;
    case 'history': {
      const base = route.conversationId === null ? '#/history' : `#/history/${segment(route.conversationId)}`;
      return route.drill === undefined ? base : `${base}?${new URLSearchParams({ filters: JSON.stringify(route.drill.filters), zone: route.drill.timeZone }).toString()}`;
    }
    case 'insights': {
      const base = route.dashboardId === null ? '#/insights' : `#/insights/${segment(route.dashboardId)}`;
      return route.params.length > 0 ? `${base}?${route.params}` : base;
    }
    case 'audit':
      return '#/audit';
    case 'alerts':
      return '#/alerts';
    case 'wallboards':
      return '#/wallboards';
    case 'connection':
      return '#/connection';
    case 'manage':
      return route.queueId === null ? `#/manage/${route.section}` : `#/manage/${route.section}/${segment(route.queueId)}`;
    case 'wallboard':
      return route.boardId === null ? '#/wallboard' : `#/wallboard/${segment(route.boardId)}`;
    case 'replay':
      return '#/replay';
    case 'reports':
      return '#/reports';
    default:
      return assertNever(route, 'route');
  }
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

const readHash = (): string => window.location.hash;

/** The current route; re-renders on every fragment change (links, back, forward). */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, readHash));
}

/** Goes to a route, as a new history entry unless `replace`. */
export function navigate(route: Route, options: { readonly replace?: boolean } = {}): void {
  const hash = formatRoute(route);
  if (options.replace) window.history.replaceState(null, '', hash);
  else window.history.pushState(null, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
