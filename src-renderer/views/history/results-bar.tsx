/** The line above the results (how many, what is selected, the download buttons) and the results area with its waiting, empty and error states. */
import type { ReactNode } from 'react';
import { formatCount, formatNumber } from './history-model.js';
import type { Results } from './workspace-state.js';
import { useT } from '../../i18n/translate.js';

const t = useT('history');

/** Hand-picked downloads are sent as ids; the contract takes at most this many. */
const MAX_PICKED = 10_000;

export interface ResultsBarProps {
  readonly results: Results | null;
  readonly searching: boolean;
  readonly canExport: boolean;
  readonly selectedCount: number;
  readonly pickedCount: number;
  readonly allSelected: boolean;
  readonly searchApplied: boolean;
  readonly onDownloadSelected: () => void;
  readonly onDownloadAll: () => void;
}

/** The count of results (announced as it changes) and, for those who may export, the download buttons. */
export function ResultsBar({ results, searching, canExport, selectedCount, pickedCount, allSelected, searchApplied, onDownloadSelected, onDownloadAll }: ResultsBarProps) {
  return (
    <div className="history-results-bar">
      <p className="history-count" aria-live="polite" data-testid="history-count" data-total={results?.total ?? ''}>
        {results === null ? (searching ? t('searching') : '') : formatCount(results.total, results.capped)}
        {searching && results !== null ? <span className="history-muted">{t('updating')}</span> : null}
        {!searching && results !== null && results.counting ? (
          <span className="history-muted" data-testid="history-counting">
            {t('counting')}
          </span>
        ) : null}
      </p>
      {canExport && results !== null && results.total > 0 ? (
        <div className="history-results-bar__actions">
          <span className="history-muted" data-testid="history-selected-count">
            {selectedCount === 0 ? t('tickRowsToDownload') : t('value0Value1Selected', { value0: formatNumber(selectedCount), value1: allSelected && results.capped ? '+' : '' })}
          </span>
          <button type="button" className="button" data-testid="history-download-selected" disabled={selectedCount === 0 || (!allSelected && pickedCount > MAX_PICKED)} onClick={onDownloadSelected}>
            {t('downloadSelected')}
          </button>
          <button type="button" className="button button--primary" data-testid="history-download-all" disabled={!searchApplied} onClick={onDownloadAll}>
            {t('downloadAllResults')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

export interface ResultsAreaProps {
  readonly results: Results | null;
  readonly error: string | null;
  readonly filtered: boolean;
  /** The table, drawn when there are rows. */
  readonly children: ReactNode;
}

/** The results, or why there are none: still searching, the cache cannot be searched, or nothing matches. */
export function ResultsArea({ results, error, filtered, children }: ResultsAreaProps) {
  if (results === null) {
    return error === null ? (
      <div className="state-message" role="status" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        <h2 className="state-message__title">{t('searchingTheCache')}</h2>
      </div>
    ) : (
      <div className="state-message" role="alert" data-testid="history-unavailable">
        <h2 className="state-message__title">{t('theCacheCannotBe')}</h2>
        <div className="state-message__body">
          <p>{error}</p>
        </div>
      </div>
    );
  }
  if (results.rows.length === 0) {
    return (
      <div className="state-message" role="status" data-testid="history-empty">
        <h2 className="state-message__title">{t('noConversationsMatch')}</h2>
        <div className="state-message__body">
          <p>{filtered ? t('removeAFilterAbove') : t('theCacheIsEmpty')}</p>
        </div>
      </div>
    );
  }
  return <>{children}</>;
}
