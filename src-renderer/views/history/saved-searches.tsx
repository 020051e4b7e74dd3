/** Saved searches: keep the current search under a name, apply one again, delete one. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { HistorySearch, SavedSearch } from '../../../src-shared/api/history.js';
import { useQuery } from '../../hooks/use-api.js';
import { useCommandIssuer } from '../../hooks/use-command-issuer.js';
import { useT } from '../../i18n/translate.js';

const t = useT('history');

export interface SavedSearchesProps {
  /** The search now on screen; null while none has run. */
  readonly current: HistorySearch | null;
  onApply(search: HistorySearch): void;
}

export function SavedSearches({ current, onApply }: SavedSearchesProps) {
  const saving = useCommandIssuer();
  const deleting = useCommandIssuer();
  const list = useQuery<'history.savedSearches'>({ type: 'history.savedSearches' });
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (current === null) return;
    if (name.trim().length === 0) {
      setError(t('giveTheSearchA'));
      return;
    }
    const result = await saving.send({ type: 'history.savedSearch.save', name: name.trim(), search: current });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setName('');
    setError(null);
    list.reload();
  };

  const remove = async (saved: SavedSearch): Promise<void> => {
    const result = await deleting.send({ type: 'history.savedSearch.delete', savedSearchId: saved.savedSearchId });
    setError(result.ok ? null : result.error);
    list.reload();
  };

  const searches = list.status === 'ready' ? list.value : [];
  return (
    <section className="panel history-saved" aria-labelledby="history-saved-title" data-testid="saved-searches">
      <h2 id="history-saved-title" className="history-saved__title">
        {t('savedSearches')}
      </h2>
      <form className="history-saved__form" onSubmit={(event) => void save(event)}>
        <label className="visually-hidden" htmlFor="history-saved-name">
          {t('nameForTheCurrent')}
        </label>
        <input
          id="history-saved-name"
          className="input"
          placeholder={t('nameThisSearch')}
          maxLength={80}
          value={name}
          data-testid="saved-search-name"
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button" disabled={current === null} data-testid="saved-search-save">
          {t('save')}
        </button>
      </form>
      {error === null ? null : (
        <p className="history-search__error" role="alert">
          {error}
        </p>
      )}
      {list.status === 'error' ? <p className="history-muted">{t('savedSearchesAreUnavailable')}{list.error}</p> : null}
      {list.status === 'ready' && searches.length === 0 ? <p className="history-muted">{t('noneYet')}</p> : null}
      <ul className="history-saved__list">
        {searches.map((saved) => (
          <li key={saved.savedSearchId} className="history-saved__item" data-testid="saved-search">
            <button type="button" className="link-button" data-testid="saved-search-apply" title={t('runThisSearch')} onClick={() => onApply(saved.search)}>
              {saved.name}
            </button>
            <button type="button" className="history-chip__remove" aria-label={t('deleteSavedSearchName', { name: saved.name })} data-testid="saved-search-delete" onClick={() => void remove(saved)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
