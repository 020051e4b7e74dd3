/**
 * "What is this number made of?": a figure opens a dialog with its definition, formula, the
 * actual inputs the core used (the `live.explain` query, asked only when the dialog opens), the
 * definitions other vendors use, and links to the conversations or agents behind it.
 *
 * Keyboard: in a list of figures (queue panel, performance summary) each figure is a button, so
 * Tab reaches it and Enter or Space opens it, in place of the dictionary link it replaces; no tab
 * stop is added. A tile is one tab stop (its name's link); its "Explain" button, pressed with the
 * mouse or with E on the focused tile, opens the same dialog on a list of its figures, and its
 * figures stay clickable with the mouse without becoming tab stops. Focus returns to the button when the dialog closes.
 */
import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { MouseEvent, ReactNode, Ref } from 'react';
import type { ExplainTarget, LiveTarget } from '../../src-shared/api/live-insights.js';
import type { AgentFigureId } from '../../src-shared/metrics/agent-explanation.js';
import type { BreachSeverity } from '../../src-shared/api/live.js';
import { metricDefinition, type MetricId } from '../../src-shared/metrics/dictionary.js';
import type { ExplanationBehind, MetricExplanation } from '../../src-shared/metrics/explanation.js';
import type { Channel } from '../../src-shared/protocol/events.js';
import { assertNever } from '../../src-shared/result.js';
import { formatMetricValue } from '../format/metric-format.js';
import { useQuery } from '../hooks/use-api.js';
import { Dialog } from './dialog.js';
import { arithmetic, figureButtonName, figureFacts, formatTermValue, isAgentExplanation, moreNote, shownValue, termLines, type AnyExplanation, type ExplainLinks } from './explain-model.js';
import { formatTime } from '../format/locale.js';
import { useT } from '../i18n/translate.js';

const t = useT('components');

/** What the figures describe: a queue or group, and the channel filter of the view showing them. */
export interface ExplainScope {
  readonly target: LiveTarget;
  /** Where the explanation's links go for this target (shell/explain-links.ts). */
  readonly links: ExplainLinks;
  readonly channels?: readonly Channel[];
  /** The queue's zone, for the clock time of "as of"; the console's own zone when absent. */
  readonly timeZone?: string;
}

export interface Figure {
  readonly metricId: MetricId;
  readonly value: number | null;
}

const ROLE_WORDS = { numerator: 'roleCounted', denominator: 'roleOutOf', excluded: 'roleLeftOut' } as const;

function clockTime(epochMs: number, timeZone: string | undefined): string {
  return formatTime(epochMs, timeZone, true);
}

function Behind({ behind, links, agentId, onNavigate }: { readonly behind: ExplanationBehind; readonly links: ExplainLinks; readonly agentId?: string; readonly onNavigate: () => void }) {
  switch (behind.kind) {
    case 'conversations':
    case 'agents': {
      const more = moreNote(behind.ids.length, behind.total);
      return (
        <>
          <p>{t(behind.kind === 'agents' ? 'behindAgents' : 'behindConversations', { count: behind.total })}</p>
          {behind.ids.length === 0 ? null : (
            <ul className="explain__ids" data-testid="explain-behind">
              {behind.ids.map((id) => (
                <li key={id}>
                  <a href={links.liveTable(behind.kind === 'agents' ? { agentId: id } : { conversationId: id })} onClick={onNavigate} data-behind-id={id}>
                    {id}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {more === null ? null : <p className="detail-muted">{more}</p>}
          <p>
            <a href={links.liveTable()} onClick={onNavigate} data-testid="explain-live-table">
              {t('openLiveTable')}
            </a>
          </p>
        </>
      );
    }
    case 'history':
      return (
        <p data-testid="explain-behind">
          {t(agentId === undefined ? 'historyBefore' : 'historyAgentBefore')}{' '}
          <a href={links.history(agentId === undefined ? undefined : { agentId, from: behind.from })} onClick={onNavigate} data-testid="explain-history">
            {t('historyLink')}
          </a>
          {t(agentId === undefined ? 'historyAfter' : 'historyAgentAfter', { time: clockTime(behind.from, undefined) })}
        </p>
      );
    default:
      return assertNever(behind, 'explanation behind');
  }
}

/** The body of an explanation (a queue's or group's metric, or an agent's figure): pure, so its words are tested without a browser. */
export function ExplanationDetails({ explanation, links, timeZone, onNavigate }: { readonly explanation: AnyExplanation; readonly links: ExplainLinks; readonly timeZone?: string; readonly onNavigate: () => void }) {
  const facts = figureFacts(explanation);
  const agent = isAgentExplanation(explanation) ? explanation : null;
  return (
    <div className="explain" data-testid="explain-details" data-metric-id={agent === null ? (explanation as MetricExplanation).metricId : agent.figureId}>
      <p className="explain__value">
        <strong>{shownValue(explanation)}</strong> {t('valueAsOf', { period: facts.period === 'now' ? t('periodNow') : t('periodToday'), time: clockTime(explanation.asOfTime, timeZone) })}
      </p>
      <p className="explain__summary" data-testid="explain-summary">
        {explanation.summary}
      </p>
      <h3 className="explain__heading">{t('definition')}</h3>
      <p>{facts.definition}</p>
      <h3 className="explain__heading">{t('formula')}</h3>
      <p>
        <code>{facts.formula}</code>
      </p>
      <h3 className="explain__heading">{t('inputsNow')}</h3>
      <dl className="explain__inputs" data-testid="explain-inputs">
        {termLines(explanation).map(({ role, term }) => (
          <div key={`${role}:${term.label}`} className={`explain__input explain__input--${role}`}>
            <dt>{t(ROLE_WORDS[role])}</dt>
            <dd>
              <strong>{formatTermValue(term.value)}</strong> {term.label}
            </dd>
          </div>
        ))}
      </dl>
      <p className="explain__arithmetic" data-testid="explain-arithmetic">
        {arithmetic(explanation)}
      </p>
      <h3 className="explain__heading">{t('othersDefine')}</h3>
      <p data-testid="explain-alternatives">{facts.alternatives ?? t('noAlternatives')}</p>
      <h3 className="explain__heading">{t('behindFigure')}</h3>
      <Behind behind={explanation.behind} links={links} agentId={agent?.agentId} onNavigate={onNavigate} />
      {agent === null ? (
        <p>
          <a href={links.dictionary((explanation as MetricExplanation).metricId)} onClick={onNavigate}>
            {t('inDictionary', { label: facts.label })}
          </a>
        </p>
      ) : null}
    </div>
  );
}

/** What to explain: a metric of a queue or group (with the view's channel filter), or a figure of an agent. */
export type ExplainRequest = { readonly target: ExplainTarget; readonly metricId: MetricId | AgentFigureId; readonly channels?: readonly Channel[] };

/** Asks the core for the explanation when shown, and shows it, with "Recompute for this moment". */
export function ExplanationLoader({ request, links, timeZone, onNavigate }: { readonly request: ExplainRequest; readonly links: ExplainLinks; readonly timeZone?: string; readonly onNavigate: () => void }) {
  const answer = useQuery<'live.explain'>({ type: 'live.explain', target: request.target, metricId: request.metricId, ...(request.channels === undefined ? {} : { channels: [...request.channels] }) });
  switch (answer.status) {
    case 'loading':
      return <p className="detail-muted">{t('askingCore')}</p>;
    case 'error':
      return (
        <p className="detail-inline-error" role="alert">
          {t('inputsCannot', { error: answer.error })}
        </p>
      );
    case 'ready':
      return (
        <>
          <ExplanationDetails explanation={answer.value} links={links} timeZone={timeZone} onNavigate={onNavigate} />
          <button type="button" className="button" onClick={answer.reload} data-testid="explain-refresh">
            {t('recompute')}
          </button>
        </>
      );
    default:
      return assertNever(answer, 'query state');
  }
}

/**
 * The explanation dialog: straight on one figure, or on a list of figures to choose from (a tile).
 * Mounted on the body, so the figure's tooltip and look do not reach it; clicks inside stay inside
 * (React bubbles them through the portal), so a tile behind it does not take them for "open the queue".
 */
export function ExplainDialog({ scope, figures, initialMetricId, title, onClose }: { readonly scope: ExplainScope; readonly figures: readonly Figure[]; readonly initialMetricId: MetricId | null; readonly title: string; readonly onClose: () => void }) {
  const [chosen, setChosen] = useState<MetricId | null>(initialMetricId);
  const stop = (event: MouseEvent<HTMLElement>): void => event.stopPropagation();
  return createPortal(
    <div className="explain-dialog-host" onClick={stop}>
      <Dialog title={chosen === null ? t('explainAFigure', { title }) : t('figureOf', { label: metricDefinition(chosen).label, title })} testId="explain-dialog" onCancel={onClose} closeButton wide>
        <div className="dialog__body">
          {chosen === null ? (
            <ul className="explain__figures" aria-label={t('figures')} data-testid="explain-figures">
              {figures.map((figure) => (
                <li key={figure.metricId}>
                  <button type="button" className="button" onClick={() => setChosen(figure.metricId)} data-testid={`explain-choose-${figure.metricId}`}>
                    {metricDefinition(figure.metricId).label}: {formatMetricValue(figure.metricId, figure.value)}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <>
              {figures.length > 1 ? (
                <button type="button" className="button" onClick={() => setChosen(null)} data-testid="explain-back">
                  {t('allFiguresOf', { title })}
                </button>
              ) : null}
              <ExplanationLoader key={chosen} request={{ target: scope.target, metricId: chosen, ...(scope.channels === undefined ? {} : { channels: scope.channels }) }} links={scope.links} timeZone={scope.timeZone} onNavigate={onClose} />
            </>
          )}
        </div>
      </Dialog>
    </div>,
    document.body,
  );
}

/**
 * One figure as a button that opens its explanation. `focusable={false}` keeps it out of the tab
 * order where its container offers an "Explain" button for all its figures (a tile).
 */
export function FigureButton({
  scope,
  figure,
  title,
  severity = null,
  focusable = true,
  className,
  testId,
  tooltip,
  children,
}: {
  readonly scope: ExplainScope;
  readonly figure: Figure;
  readonly title: string;
  readonly severity?: BreachSeverity | null;
  readonly focusable?: boolean;
  readonly className?: string;
  readonly testId?: string;
  readonly tooltip?: string;
  readonly children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const name = `${figureButtonName(figure.metricId, figure.value)}${severity === null ? '' : t('pastThreshold', { severity })}`;
  return (
    <>
      <button
        type="button"
        className={['figure-button', className ?? null].filter((part) => part !== null).join(' ')}
        aria-label={name}
        title={tooltip}
        tabIndex={focusable ? undefined : -1}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
        data-metric={testId === undefined ? undefined : figure.metricId}
        data-testid={testId}
      >
        {children}
      </button>
      {open ? <ExplainDialog scope={scope} figures={[figure]} initialMetricId={figure.metricId} title={title} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/**
 * A container's one "Explain" control: the dialog lists its figures, and each opens its explanation.
 * `focusable={false}` keeps it out of the tab order where the container offers a key for it (a
 * tile's E); `buttonRef` lets that key press it.
 */
export function ExplainFiguresButton({
  scope,
  figures,
  title,
  testId,
  focusable = true,
  buttonRef,
}: {
  readonly scope: ExplainScope;
  readonly figures: readonly Figure[];
  readonly title: string;
  readonly testId: string;
  readonly focusable?: boolean;
  readonly buttonRef?: Ref<HTMLButtonElement>;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        tabIndex={focusable ? undefined : -1}
        className="button button--small explain-figures-button"
        aria-label={t('explainFiguresOf', { title })}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
        data-testid={testId}
      >
        {t('explain')}
      </button>
      {open ? <ExplainDialog scope={scope} figures={figures} initialMetricId={null} title={title} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
