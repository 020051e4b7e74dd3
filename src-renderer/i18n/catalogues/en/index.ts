/** Every area's English catalogue, the source every translation is made from. */
import { components } from './components.js';
import { shell } from './shell.js';
import { wallboard } from './wallboard.js';
import { queueDetail } from './queue-detail.js';
import { history } from './history.js';
import { management } from './management.js';
import { users } from './users.js';
import { liveOverview } from './live-overview.js';
import { alerts } from './alerts.js';
import { replay } from './replay.js';
import { connection } from './connection.js';
import { audit } from './audit.js';
import { dictionary } from './dictionary.js';
import { reports } from './reports.js';
import { insights } from './insights.js';
import { format } from './format.js';

/** The namespaces (areas) and their English catalogues. */
export const EN_CATALOGUES = {
  shell,
  components,
  'dictionary': dictionary,
  'audit': audit,
  'connection': connection,
  'replay': replay,
  'alerts': alerts,
  'live-overview': liveOverview,
  'users': users,
  'management': management,
  'history': history,
  'insights': insights,
  'queue-detail': queueDetail,
  'wallboard': wallboard,
  'reports': reports,
  'format': format,
} as const;
