/**
 * The Conversation Manager's header: what the cache holds and how old it is ("Cached data · last
 * update 14:02 (3 h ago) · 1,020,331 conversations"), history backfill progress or the button to
 * ask for more, and the retention setting.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { CacheInfo } from '../../../src-shared/api/history.js';
import { useConsole } from '../../hooks/store-context.js';
import { useCan } from '../../hooks/use-api.js';
import { useCommandIssuer } from '../../hooks/use-command-issuer.js';
import { useCoreNow } from '../../hooks/use-core-now.js';
import { backfillProgressText, cacheCountText, cacheLastUpdate, describeLastUpdate, formatBytes, formatDateTime, formatNumber } from './history-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('history');

function CacheStrip({ cacheInfo, cacheError, timeZone }: { readonly cacheInfo: CacheInfo | null; readonly cacheError: string | null; readonly timeZone: string }) {
  const feedLastEventAt = useConsole((state) => state.feed.status?.lastEventAt ?? null);
  const live = useConsole((state) => state.link.state === 'open' && state.feed.status?.connection === 'live');
  const backfillRunning = useConsole((state) => state.feed.status?.backfill.state === 'running');
  const now = useCoreNow();
  const lastUpdate = cacheLastUpdate(cacheInfo, feedLastEventAt);
  return (
    <p className={live ? 'history-strip' : 'history-strip history-strip--offline'} data-testid="cache-strip" data-live={live}>
      <strong className="history-strip__label">{live ? t('cachedDataKeptCurrent') : t('cachedData')}</strong>
      <span aria-hidden="true"> · </span>
      <span data-testid="cache-last-update">{describeLastUpdate(lastUpdate, now, timeZone, live)}</span>
      {cacheInfo === null ? null : (
        <>
          <span aria-hidden="true"> · </span>
          <span data-testid="cache-count">{cacheCountText(cacheInfo.conversations, backfillRunning)}</span>
        </>
      )}
      {cacheError === null ? null : <span className="history-strip__error">{t('cacheDetailsUnavailable')}{cacheError}</span>}
    </p>
  );
}

function Backfill() {
  const issuer = useCommandIssuer();
  const backfill = useConsole((state) => state.feed.status?.backfill ?? null);
  const connected = useConsole((state) => state.link.state === 'open' && state.feed.status?.connection === 'live');
  const [days, setDays] = useState('7');
  const [message, setMessage] = useState<string | null>(null);
  const progress = backfillProgressText(backfill);
  if (progress !== null) {
    const percent = backfill !== null && backfill.totalEvents > 0 ? Math.min(100, Math.floor((backfill.sentEvents / backfill.totalEvents) * 100)) : undefined;
    return (
      <div className="history-backfill" role="status" data-testid="backfill-progress">
        <span>{progress}</span>
        <progress className="history-progress history-progress--small" max={100} value={percent} aria-label={t('historyFetched')} />
      </div>
    );
  }
  if (!connected) return null;
  const count = Number(days);
  const valid = Number.isInteger(count) && count >= 1 && count <= 365;
  const start = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!valid) {
      setMessage(t('choose1To365'));
      return;
    }
    const result = await issuer.send({ type: 'history.backfill.start', days: count });
    setMessage(!result.ok ? result.error : result.value.requested ? null : (result.value.reason ?? t('theFeedDidNot')));
  };
  return (
    <form className="history-backfill" onSubmit={(event) => void start(event)}>
      <label className="visually-hidden" htmlFor="history-backfill-days">
        {t('daysOfHistoryTo')}
      </label>
      <input id="history-backfill-days" className="input history-input--number" inputMode="numeric" value={days} data-testid="backfill-days" onChange={(event) => setDays(event.target.value)} />
      <button type="submit" className="button" data-testid="backfill-start" disabled={!valid}>
        {t('fetch')}{valid ? count : t('n')} {count === 1 ? t('day') : t('days')}{t('ofHistory')}
      </button>
      {message === null ? null : (
        <span className="history-search__error" role="alert">
          {message}
        </span>
      )}
      {backfill?.state === 'failed' && message === null ? <span className="history-muted">{t('lastHistoryFetchFailed')}{backfill.error ? `: ${backfill.error}` : ''}.</span> : null}
    </form>
  );
}

function Retention({ cacheInfo, timeZone, onChanged }: { readonly cacheInfo: CacheInfo | null; readonly timeZone: string; onChanged(info: CacheInfo): void }) {
  const issuer = useCommandIssuer();
  const [open, setOpen] = useState(false);
  const [days, setDays] = useState('');
  const [logDays, setLogDays] = useState('');
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) {
      setDays(cacheInfo === null ? '' : String(cacheInfo.retentionDays));
      setLogDays(cacheInfo === null ? '' : String(cacheInfo.eventLogDays));
      inputRef.current?.focus();
    }
    // Only on opening: a refreshed cache answer must not reset what is being typed.
  }, [open]);
  const closePanel = (): void => {
    setOpen(false);
    setError(null);
    toggleRef.current?.focus();
  };
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const value = Number(days);
    const eventLogDays = Number(logDays);
    if (!Number.isInteger(value) || value < 1 || value > 3650 || !Number.isInteger(eventLogDays) || eventLogDays < 1 || eventLogDays > 3650) {
      setError(t('keepBetween1And'));
      return;
    }
    if (eventLogDays > value) {
      setError(t('eventLogAtMostRetention'));
      return;
    }
    const result = await issuer.send({ type: 'history.retention.set', days: value, eventLogDays });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onChanged(result.value);
    closePanel();
  };
  return (
    <div className="history-popover">
      <button
        ref={toggleRef}
        type="button"
        className="button button--quiet"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="retention-toggle"
        onClick={() => (open ? closePanel() : setOpen(true))}
      >
        {t('retention')}{cacheInfo === null ? '' : t('retentiondaysDays', { retentionDays: cacheInfo.retentionDays })}
      </button>
      {open ? (
        <form
          id={panelId}
          className="history-popover__panel"
          role="dialog"
          aria-label={t('retention')}
          data-testid="retention-panel"
          onSubmit={(event) => void submit(event)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              closePanel();
            }
          }}
        >
          <label className="field">
            <span className="field__label">{t('daysOfMessagesTo')}</span>
            <input ref={inputRef} className="input history-input--number" inputMode="numeric" value={days} data-testid="retention-days" onChange={(event) => setDays(event.target.value)} />
          </label>
          <label className="field">
            <span className="field__label">{t('daysOfEventLogTo')}</span>
            <input className="input history-input--number" inputMode="numeric" value={logDays} data-testid="retention-event-log-days" onChange={(event) => setLogDays(event.target.value)} />
          </label>
          <p className="history-muted">{t('olderMessagesAndEvents')}</p>
          {cacheInfo === null ? null : (
            <p className="history-muted" data-testid="retention-size">
              {t('cacheSize')}{formatBytes(cacheInfo.sizeBytes)}
              {cacheInfo.messages === null ? null : (
                <>
                  {t('about')}
                  {formatNumber(cacheInfo.messages)}
                  {t('messagesCounted')}
                </>
              )}
              {t('lastPrune')}{' '}
              {cacheInfo.lastPrunedAt === null ? t('never') : formatDateTime(cacheInfo.lastPrunedAt, timeZone)}
            </p>
          )}
          {error === null ? null : (
            <p className="history-search__error" role="alert">
              {error}
            </p>
          )}
          <div className="history-popover__actions">
            <button type="submit" className="button button--primary" data-testid="retention-save">
              {t('save')}
            </button>
            <button type="button" className="button button--quiet" onClick={closePanel}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

export interface HistoryHeaderProps {
  readonly cacheInfo: CacheInfo | null;
  readonly cacheError: string | null;
  readonly timeZone: string;
  onCacheInfo(info: CacheInfo): void;
}

/** The header; each part selects only what it shows from the store. */
export function HistoryHeader({ cacheInfo, cacheError, timeZone, onCacheInfo }: HistoryHeaderProps) {
  const canRetain = useCan('history.retention');
  return (
    <header className="history-header">
      <div className="history-header__title-row">
        <h1 id="view-title" className="view__title history-header__title">
          {t('conversations')}
        </h1>
        <Backfill />
        {canRetain ? <Retention cacheInfo={cacheInfo} timeZone={timeZone} onChanged={onCacheInfo} /> : null}
      </div>
      <CacheStrip cacheInfo={cacheInfo} cacheError={cacheError} timeZone={timeZone} />
    </header>
  );
}
