/**
 * What the console says about its own cache, under the top bar: a write fault while it stands
 * (disk full, read-only, permissions; the path and the cause, gone by itself once a write succeeds),
 * and, after a start that found the cache damaged, what recovery saved and lost and where the
 * damaged file was kept. The recovery notice is dismissible; it comes back only for a new recovery.
 */
import { memo, useState } from 'react';
import type { CacheHealth, CacheRecoveryReport, CacheWriteFault } from '../../src-shared/api/live.js';
import { useConsole } from '../hooks/store-context.js';
import { useT, type KeyOf } from '../i18n/translate.js';

const t = useT('shell');

export interface RecoverySummary {
  readonly headline: string;
  /** "Saved: 120 audit records, 3 boards…", or null when nothing was there to save. */
  readonly saved: string | null;
  /** "Lost: 2 audit records…" (with "at least" where a table was partly unreadable), or null. */
  readonly lost: string | null;
  readonly movedTo: string;
}

const TABLE_KEYS: Readonly<Record<string, KeyOf<'shell'>>> = {
  audit_log: 'tableAuditLog',
  live_layouts: 'tableLiveLayouts',
  live_groups: 'tableLiveGroups',
  threshold_overrides: 'tableThresholdOverrides',
  threshold_override_changes: 'tableThresholdOverrideChanges',
  history_notes: 'tableHistoryNotes',
  history_saved_searches: 'tableHistorySavedSearches',
  wallboard_boards: 'tableWallboardBoards',
  wallboard_settings: 'tableWallboardSettings',
  wallboard_devices: 'tableWallboardDevices',
  settings: 'tableSettings',
  command_ledger: 'tableCommandLedger',
};

function counted(count: number, table: string): string {
  const key = TABLE_KEYS[table];
  return key === undefined ? t('tableUnknown', { count, table }) : t(key, { count });
}

/** The recovery report in words, for the notice and its tests. */
export function recoverySummary(recovery: CacheRecoveryReport): RecoverySummary {
  const saved = recovery.tables.filter((table) => table.saved > 0).map((table) => counted(table.saved, table.table));
  const lost = recovery.tables
    .filter((table) => table.lost > 0 || !table.complete)
    .map((table) => (table.complete ? counted(table.lost, table.table) : t('atLeast', { counted: counted(table.lost, table.table) })));
  const headline =
    recovery.error !== null
      ? t('recoveryNothingRead')
      : lost.length === 0
        ? t('recoveryAllSaved')
        : t('recoverySomeLost');
  return {
    headline,
    saved: saved.length === 0 ? null : t('savedList', { list: saved.join(', ') }),
    lost: recovery.error !== null ? t('couldNotRead', { error: recovery.error }) : lost.length === 0 ? null : t('lostList', { list: lost.join(', ') }),
    movedTo: recovery.movedTo,
  };
}

/** A write fault in words: what fails, where, why, and that it clears by itself. */
export function writeFaultSentence(fault: CacheWriteFault): string {
  return t('writeFault', { message: fault.message });
}

export interface CacheNoticeViewProps {
  readonly cache: CacheHealth | null;
  /** The recovery the user dismissed (its moved-aside path), so it stays dismissed. */
  readonly dismissed: string | null;
  readonly onDismiss: (movedTo: string) => void;
}

/** The notices' markup, with no store: rendered by CacheNotice and by tests. */
export function CacheNoticeView({ cache, dismissed, onDismiss }: CacheNoticeViewProps) {
  if (cache === null) return null;
  const fault = cache.writeFault;
  const recovery = cache.recovery !== null && cache.recovery.movedTo !== dismissed ? recoverySummary(cache.recovery) : null;
  if (fault === null && recovery === null) return null;
  return (
    <>
      {fault === null ? null : (
        <div className="stale-banner stale-banner--critical cache-notice" role="alert" data-testid="cache-write-fault" data-code={fault.code}>
          <span className="stale-banner__icon" aria-hidden="true" />
          <div className="stale-banner__text">
            <p className="stale-banner__headline">
              <strong>{t('notSaving')}</strong> — {writeFaultSentence(fault)}
            </p>
            <p className="stale-banner__detail">{t('noticeGoesAway')}</p>
          </div>
        </div>
      )}
      {recovery === null ? null : (
        <div className="stale-banner stale-banner--warning cache-notice" role="status" data-testid="cache-recovery">
          <span className="stale-banner__icon" aria-hidden="true" />
          <div className="stale-banner__text">
            <p className="stale-banner__headline">
              <strong>{t('cacheRebuilt')}</strong> — {recovery.headline}
            </p>
            {recovery.saved === null ? null : <p className="stale-banner__detail" data-testid="cache-recovery-saved">{recovery.saved}</p>}
            {recovery.lost === null ? null : <p className="stale-banner__detail" data-testid="cache-recovery-lost">{recovery.lost}</p>}
            <p className="stale-banner__detail">
              {t('damagedKeptAt')}<code className="cache-notice__path">{recovery.movedTo}</code>.
            </p>
          </div>
          <button type="button" className="cache-notice__dismiss" onClick={() => onDismiss(recovery.movedTo)} aria-label={t('dismissRecovery')}>
            {t('dismiss')}
          </button>
        </div>
      )}
    </>
  );
}

/** Reads the cache's health from the status topic; re-renders only when it changes. */
export const CacheNotice = memo(function CacheNotice() {
  const cache = useConsole((state) => state.feed.status?.cache ?? null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  return <CacheNoticeView cache={cache} dismissed={dismissed} onDismiss={setDismissed} />;
});
