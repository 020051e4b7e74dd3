/**
 * Management (docs/product.md §6): a queue's business hours and thresholds, read from what the feed
 * says and changed only through the feed. Everyone who sees queues sees these settings; only a role
 * that may change them gets edit controls. The section and the queue follow the route, so a link
 * (#/manage/hours/q-orders) lands on the same page.
 */
import type { QueueSettings } from '../../../src-shared/api/management.js';
import { useCan, useQuery } from '../../hooks/use-api.js';
import { formatRoute, navigate, type ManageSection, type Route } from '../../shell/router.js';
import { compareQueueNames } from '../../hooks/use-queue-choices.js';
import { HoursBadge } from '../../components/hours-badge.js';
import { tileHours } from '../../format/hours-text.js';
import { useConsole } from '../../hooks/store-context.js';
import { HoursSection } from './hours-section.js';
import { ThresholdsSection } from './thresholds-section.js';
import { useT } from '../../i18n/translate.js';

const t = useT('management');

type ManageRoute = Extract<Route, { view: 'manage' }>;

const SECTIONS: readonly { readonly section: ManageSection; readonly label: string }[] = [
  { section: 'hours', label: t('businessHours') },
  { section: 'thresholds', label: t('thresholds') },
  { section: 'users', label: t('users') },
];

function SectionLinks({ route }: { readonly route: ManageRoute }) {
  const canUsers = useCan('admin.users');
  return (
    <nav className="manage__sections" aria-label={t('managementSections')}>
      {SECTIONS.filter((entry) => entry.section !== 'users' || canUsers).map((entry) => (
        <a
          key={entry.section}
          className="nav-link"
          href={formatRoute({ view: 'manage', section: entry.section, queueId: entry.section === 'users' ? null : route.queueId })}
          aria-current={route.section === entry.section ? 'page' : undefined}
          data-testid={`manage-section-${entry.section}`}
        >
          {entry.label}
        </a>
      ))}
    </nav>
  );
}

function QueuePicker({ queues, selected, route }: { readonly queues: readonly QueueSettings[]; readonly selected: QueueSettings; readonly route: ManageRoute }) {
  return (
    <div className="field manage__picker">
      <label className="field__label" htmlFor="manage-queue">
        {t('queue')}
      </label>
      <select id="manage-queue" className="input" value={selected.queueId} onChange={(event) => navigate({ ...route, queueId: event.target.value })} data-testid="manage-queue">
        {queues.map((queue) => (
          <option key={queue.queueId} value={queue.queueId}>
            {queue.name} ({queue.channel === 'chat' ? t('chat') : t('voice')})
          </option>
        ))}
      </select>
    </div>
  );
}

/** The queue's open/closed state as the live overview has it now, or as the settings were read. */
function LiveHoursBadge({ queue }: { readonly queue: QueueSettings }) {
  const live = useConsole((state) => {
    const tile = state.overview.queues[queue.queueId];
    return tile === undefined ? null : tileHours(tile);
  });
  return <HoursBadge hours={live ?? queue.hours} timeZone={queue.timeZone} testId="manage-hours-state" showAlwaysOpen />;
}

/** Queues by name, so the picker and "copy to" read the same order. */
function sortedQueues(queues: readonly QueueSettings[]): readonly QueueSettings[] {
  return [...queues].sort(compareQueueNames);
}

/** The Management view for business hours and thresholds (Users is its own view). */
export function ManagementView({ route }: { readonly route: ManageRoute }) {
  const settings = useQuery<'management.queues'>({ type: 'management.queues' });
  const queues = settings.status === 'ready' ? sortedQueues(settings.value) : [];
  const selected = queues.find((queue) => queue.queueId === route.queueId) ?? queues[0];
  const title = route.section === 'thresholds' ? t('thresholds') : t('businessHours');
  return (
    <section className="live-admin view manage" aria-labelledby="view-title" data-testid="manage" data-section={route.section}>
      <header className="view__header">
        <h1 id="view-title" className="view__title">
          {t('management')}{title}
        </h1>
        <SectionLinks route={route} />
      </header>
      {settings.status === 'loading' ? (
        <div className="state-message" role="status" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          <p>{t('loadingTheQueuesSettings')}</p>
        </div>
      ) : null}
      {settings.status === 'error' ? (
        <div className="state-message" role="alert" data-testid="manage-error">
          <h2 className="state-message__title">{t('theQueuesSettingsCannot')}</h2>
          <p className="state-message__body">{settings.error}</p>
          <button type="button" className="button" onClick={settings.reload}>
            {t('tryAgain')}
          </button>
        </div>
      ) : null}
      {settings.status === 'ready' && selected === undefined ? (
        <p className="empty-note" data-testid="manage-empty">
          {t('theFeedHasReported')}
        </p>
      ) : null}
      {selected === undefined ? null : (
        <>
          <div className="toolbar manage__queue">
            <QueuePicker queues={queues} selected={selected} route={route} />
            <LiveHoursBadge queue={selected} />
            <span className="muted" title={t('timesInThisSection')}>
              {selected.timeZone}
            </span>
          </div>
          {route.section === 'thresholds' ? (
            <ThresholdsSection key={selected.queueId} queue={selected} onSaved={settings.reload} />
          ) : (
            <HoursSection key={selected.queueId} queue={selected} queues={queues} onSaved={settings.reload} />
          )}
        </>
      )}
    </section>
  );
}
