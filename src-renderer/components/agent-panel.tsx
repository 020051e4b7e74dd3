/**
 * The agent panel of the performance tab: status by colour and words, time in status ticking,
 * handling figures (each opens its explanation) and signals; search and sort; an agent with assignments opens their
 * conversations; roles that may change statuses get a small menu per agent.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { AgentFigureId } from '../../src-shared/metrics/agent-explanation.js';
import { AgentFigureButton, type AgentExplainScope } from './agent-figure-button.js';
import type { AgentRow } from '../../src-shared/api/live-insights.js';
import type { StatusKind } from '../../src-shared/protocol/events.js';
import { useClient } from '../hooks/client-context.js';
import { useCan } from '../hooks/use-api.js';
import { issueCommand, newCommandId, UNKNOWN_YET_TEXT } from '../client/commands.js';
import { checkAttempt, finishAttempt, idleAttempt, inFlight, startAttempt } from './command-attempt.js';
import type { CommandAttempt } from './command-attempt.js';
import { ariaSort, formatSeconds, toggleSort } from './conversations-model.js';
import { AGENT_COLUMNS, AGENT_COLUMN_LABELS, assignmentsCell, DEFAULT_AGENT_SORT, SIGNAL_LABELS, presentStatus, timeInStatusSec, visibleAgents } from './performance-model.js';
import type { AgentColumn, AgentSort } from './performance-model.js';
import { useT, type KeyOf } from '../i18n/translate.js';

const t = useT('components');

const STATUS_CHOICES: readonly { readonly kind: StatusKind; readonly label: KeyOf<'components'> }[] = [
  { kind: 'available', label: 'statusAvailable' },
  { kind: 'away', label: 'statusAway' },
  { kind: 'offline', label: 'statusOffline' },
];

function StatusMenu({ agent }: { readonly agent: AgentRow }) {
  const client = useClient();
  const [attempt, setAttempt] = useState<CommandAttempt>(idleAttempt);
  const change = (kind: StatusKind): void => {
    // Each choice is its own command: a new id, unless it repeats a failed one.
    const base = (attempt.status === 'failed' || attempt.status === 'unknown') && attempt.text === kind ? attempt : { ...idleAttempt, text: kind };
    const started = startAttempt(base, newCommandId('status'));
    const commandId = started.commandId ?? '';
    setAttempt(started);
    const onUnknown = (): void => setAttempt((current) => checkAttempt(current, commandId));
    void issueCommand(client, { type: 'agent.status', agentId: agent.agentId, kind, reason: '' }, commandId, { onUnknown }).then((result) =>
      setAttempt((current) => finishAttempt(current, commandId, result)),
    );
  };
  return (
    <span className="status-menu">
      <select
        className="status-menu__select"
        aria-label={t('setStatusOf', { name: agent.name })}
        value=""
        disabled={inFlight(attempt)}
        onChange={(event) => {
          if (event.target.value !== '') change(event.target.value as StatusKind);
        }}
        data-testid="agent-status-menu"
      >
        <option value="">{inFlight(attempt) ? t('setting') : t('setStatus')}</option>
        {STATUS_CHOICES.map((choice) => (
          <option key={choice.kind} value={choice.kind}>
            {t(choice.label)}
          </option>
        ))}
      </select>
      {attempt.status === 'acknowledged' ? (
        <span className="status-menu__result" role="status" data-testid="agent-status-result">
          {t('done')}
        </span>
      ) : null}
      {attempt.status === 'checking' ? (
        <span className="status-menu__result" role="status" data-testid="agent-status-result">
          {UNKNOWN_YET_TEXT}
        </span>
      ) : null}
      {attempt.status === 'failed' || attempt.status === 'unknown' ? (
        <span className="status-menu__result status-menu__result--failed" role="alert" data-testid="agent-status-result">
          ✕ {attempt.error}
        </span>
      ) : null}
    </span>
  );
}

export interface AgentPanelProps {
  readonly agents: readonly AgentRow[];
  readonly floorNow: number;
  /** Opens the conversations tab filtered to this agent. */
  readonly onOpenAgent: (agentId: string) => void;
  readonly periodLabel: string;
  /** A replayed past: the panel shows, but offers no status change. */
  readonly readOnly?: boolean;
  /** Where the figures are explained (the live floor); absent, they are plain text (a replayed past). */
  readonly explain?: AgentExplainScope;
}

/** A figure cell's content: a button opening its explanation, or plain where nothing explains it. */
function Explained({ explain, agent, figureId, value, children }: { readonly explain: AgentExplainScope | undefined; readonly agent: AgentRow; readonly figureId: AgentFigureId; readonly value: number | null; readonly children: ReactNode }) {
  if (explain === undefined) return <>{children}</>;
  return (
    <AgentFigureButton scope={explain} agentId={agent.agentId} agentName={agent.name} figureId={figureId} value={value}>
      {children}
    </AgentFigureButton>
  );
}

export function AgentPanel({ agents, floorNow, onOpenAgent, periodLabel, readOnly = false, explain }: AgentPanelProps) {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<AgentSort>(DEFAULT_AGENT_SORT);
  const canSetStatus = useCan('agent.set_status') && !readOnly;
  const rows = useMemo(() => visibleAgents(agents, search, sort), [agents, search, sort]);
  const onSort = (column: AgentColumn): void => setSort((previous) => toggleSort(previous, column));
  return (
    <section className="panel detail-card agent-panel" aria-labelledby="agent-panel-title" data-testid="agent-panel">
      <div className="detail-card__top">
        <h2 id="agent-panel-title" className="detail-section__title">
          {t('agents')} <span className="detail-count">{agents.length}</span>
        </h2>
        <label className="search-box">
          <span className="visually-hidden">{t('searchAgentsLabel')}</span>
          <input type="search" placeholder={t('searchAgents')} value={search} onChange={(event) => setSearch(event.target.value)} data-testid="agent-search" />
        </label>
      </div>
      {rows.length === 0 ? (
        <p className="detail-muted" data-testid="agent-panel-empty">
          {agents.length === 0 ? t('noAgentWorks') : t('noAgentMatches')}
        </p>
      ) : (
        <div className="detail-table__scroller">
          <table className="detail-table" aria-label={t('agents')}>
            <thead>
              <tr>
                {AGENT_COLUMNS.map((column) => (
                  <th key={column} scope="col" aria-sort={ariaSort(sort, column)}>
                    <button type="button" className="sort-button" onClick={() => onSort(column)} data-testid={`agent-sort-${column}`}>
                      {column === 'assignments' ? `${AGENT_COLUMN_LABELS[column]} (${periodLabel})` : AGENT_COLUMN_LABELS[column]}
                      <span className="sort-button__arrow" aria-hidden="true">
                        {sort.column === column ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  </th>
                ))}
                {canSetStatus ? <th scope="col">{t('changeStatus')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((agent) => {
                const status = presentStatus(agent);
                return (
                  <tr key={agent.agentId} data-testid="agent-row" data-agent-id={agent.agentId} data-status={status.tone}>
                    <td>
                      {agent.assignments > 0 ? (
                        <button type="button" className="link-button" onClick={() => onOpenAgent(agent.agentId)} title={t('showAgentConversations', { name: agent.name })} data-testid="agent-open">
                          {agent.name}
                        </button>
                      ) : (
                        agent.name
                      )}
                      <span className="agent-panel__team">
                        {agent.teamName} · {agent.location}
                      </span>
                    </td>
                    <td>
                      <span className={`agent-status agent-status--${status.tone}`} data-testid="agent-status">
                        <span className="agent-status__dot" aria-hidden="true" />
                        {status.label}
                      </span>
                    </td>
                    <td className="numeric">
                      <Explained explain={explain} agent={agent} figureId="timeInStatusSec" value={timeInStatusSec(agent, floorNow)}>
                        {formatSeconds(timeInStatusSec(agent, floorNow))}
                      </Explained>
                    </td>
                    <td className="numeric">
                      <Explained explain={explain} agent={agent} figureId="handleTimeSec" value={agent.ahtSec}>
                        {formatSeconds(agent.ahtSec)}
                      </Explained>
                    </td>
                    <td className="numeric">
                      <Explained explain={explain} agent={agent} figureId="avgResponseTimeSec" value={agent.avgResponseTimeSec}>
                        {formatSeconds(agent.avgResponseTimeSec)}
                      </Explained>
                    </td>
                    <td className="numeric">
                      <Explained explain={explain} agent={agent} figureId="assignments" value={agent.assignments}>
                        {assignmentsCell(agent, periodLabel).count}
                        {assignmentsCell(agent, periodLabel).slots === null ? null : <span className="detail-muted">{assignmentsCell(agent, periodLabel).slots}</span>}
                      </Explained>
                    </td>
                    <td>
                      {agent.signals.length === 0 ? (
                        <span className="detail-muted">–</span>
                      ) : (
                        agent.signals.map((signal) => (
                          <span key={signal} className={`alert-chip alert-chip--${signal === 'high_effort' ? 'warning' : 'info'}`} data-signal={signal}>
                            <span className="alert-chip__icon" aria-hidden="true">
                              {signal === 'high_effort' ? '▲' : '⇅'}
                            </span>
                            {SIGNAL_LABELS[signal]}
                          </span>
                        ))
                      )}
                    </td>
                    {canSetStatus ? (
                      <td>
                        <StatusMenu agent={agent} />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
