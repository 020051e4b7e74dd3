/**
 * The data dictionary: every metric the console shows, with its definition, the formula actually
 * computed, its unit and, where vendors disagree, the alternatives. Every number in the console
 * links here (#/dictionary/<metricId>); the linked entry is scrolled to and highlighted.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { METRIC_DICTIONARY } from '../../../src-shared/metrics/dictionary.js';
import type { MetricDefinition } from '../../../src-shared/metrics/dictionary.js';
import { formatRoute, type Route } from '../../shell/router.js';
import { metricAnchorId, searchMetrics, sectionsByPeriod, unitLabel } from './dictionary-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('dictionary');

const ALL_DEFINITIONS: readonly MetricDefinition[] = [...METRIC_DICTIONARY.values()];

function Entry({ definition, selected }: { readonly definition: MetricDefinition; readonly selected: boolean }) {
  const titleId = `${metricAnchorId(definition.id)}-title`;
  return (
    <article
      id={metricAnchorId(definition.id)}
      className={selected ? 'dictionary-entry is-selected' : 'dictionary-entry'}
      aria-labelledby={titleId}
      aria-current={selected ? 'true' : undefined}
      tabIndex={-1}
      data-testid="dictionary-entry"
      data-metric-id={definition.id}
    >
      <h3 className="dictionary-entry__title" id={titleId}>
        <a href={formatRoute({ view: 'dictionary', metricId: definition.id })} className="dictionary-entry__anchor" title={t('linkToThisDefinition')}>
          {definition.label}
        </a>
      </h3>
      <dl className="dictionary-entry__fields">
        <dt>{t('definition')}</dt>
        <dd data-testid="dictionary-definition">{definition.definition}</dd>
        <dt>{t('formula')}</dt>
        <dd>
          <code className="formula" data-testid="dictionary-formula">
            {definition.formula}
          </code>
        </dd>
        <dt>{t('unit')}</dt>
        <dd>{unitLabel(definition.unit)}</dd>
        {definition.alternatives === undefined ? null : (
          <>
            <dt>{t('otherDefinitions')}</dt>
            <dd data-testid="dictionary-alternatives">{definition.alternatives}</dd>
          </>
        )}
        <dt>{t('id')}</dt>
        <dd>
          <code>{definition.id}</code>
        </dd>
      </dl>
    </article>
  );
}

export function DictionaryView({ route }: { readonly route: Extract<Route, { view: 'dictionary' }> }) {
  const [search, setSearch] = useState('');
  const matching = useMemo(() => searchMetrics(ALL_DEFINITIONS, search), [search]);
  const sections = sectionsByPeriod(matching);
  const selectedId = route.metricId;
  const lastScrolled = useRef<string | null>(null);

  // A link to one metric must show it, whatever was typed in the search box before.
  useEffect(() => {
    if (selectedId !== null && !matching.some((definition) => definition.id === selectedId)) setSearch('');
  }, [selectedId, matching]);

  useEffect(() => {
    if (selectedId === null || lastScrolled.current === selectedId) return;
    const element = document.getElementById(metricAnchorId(selectedId));
    if (element === null) return;
    lastScrolled.current = selectedId;
    element.scrollIntoView({ block: 'center' });
    element.focus({ preventScroll: true });
  });

  return (
    <section className="live-admin view dictionary" aria-labelledby="view-title" data-testid="dictionary">
      <header className="view__header">
        <h1 id="view-title" className="view__title">
          {t('dataDictionary')}
        </h1>
        <p className="muted">{t('everyNumberInFloorwatch')}</p>
        <label className="field dictionary__search">
          <span className="field__label">{t('searchMetrics')}</span>
          <input className="input" type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder={t('eGServiceLevel')} data-testid="dictionary-search" />
        </label>
        <p className="muted" aria-live="polite" data-testid="dictionary-count">
          {matching.length === ALL_DEFINITIONS.length ? t('lengthMetrics', { length: matching.length }) : t('lengthOfLength1Metrics', { length: matching.length, length1: ALL_DEFINITIONS.length })}
        </p>
      </header>
      {sections.length === 0 ? (
        <p className="empty-note" data-testid="dictionary-empty">
          {t('noMetricMatches')}{search}”.
        </p>
      ) : null}
      {sections.map((section) => (
        <section key={section.period} className="dictionary__section" aria-labelledby={`dictionary-${section.period}`}>
          <h2 className="dictionary__section-title" id={`dictionary-${section.period}`}>
            {section.title}
          </h2>
          <div className="dictionary__entries">
            {section.definitions.map((definition) => (
              <Entry key={definition.id} definition={definition} selected={definition.id === selectedId} />
            ))}
          </div>
        </section>
      ))}
    </section>
  );
}
