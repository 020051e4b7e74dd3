/** Customer feedback of the queue: newest first, filterable by agent, each conversation one click from its transcript. */
import { useMemo, useState } from 'react';
import type { FeedbackRow } from '../../../src-shared/api/live-insights.js';
import { formatClockTime } from '../../components/conversations-model.js';
import { feedbackAgents, filterFeedback, ratingLabel } from '../../components/performance-model.js';

export interface FeedbackPanelProps {
  readonly feedback: readonly FeedbackRow[];
  readonly timeZone: string;
  /** Opens the conversation's transcript; null for roles that may not read transcripts. */
  readonly onOpenConversation: ((conversationId: string) => void) | null;
}

export function FeedbackPanel({ feedback, timeZone, onOpenConversation }: FeedbackPanelProps) {
  const [agentId, setAgentId] = useState<string | null>(null);
  const agents = useMemo(() => feedbackAgents(feedback), [feedback]);
  const rows = useMemo(() => filterFeedback(feedback, agentId), [feedback, agentId]);
  return (
    <section className="panel detail-card feedback-panel" aria-labelledby="feedback-title" data-testid="feedback-panel">
      <div className="detail-card__top">
        <h2 id="feedback-title" className="detail-section__title">
          Customer feedback <span className="detail-count">{feedback.length}</span>
        </h2>
        <label className="select-box">
          <span>Agent</span>
          <select value={agentId ?? ''} onChange={(event) => setAgentId(event.target.value === '' ? null : event.target.value)} data-testid="feedback-agent-filter">
            <option value="">All agents</option>
            {agents.map((agent) => (
              <option key={agent.agentId} value={agent.agentId}>
                {agent.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rows.length === 0 ? (
        <p className="detail-muted" data-testid="feedback-empty">
          {feedback.length === 0 ? 'No survey answer yet today.' : 'No survey answer for this agent.'}
        </p>
      ) : (
        <div className="detail-table__scroller detail-table__scroller--tall">
          <table className="detail-table" aria-label="Customer feedback">
            <thead>
              <tr>
                <th scope="col">Time ({timeZone})</th>
                <th scope="col">Agent</th>
                <th scope="col">Conversation</th>
                <th scope="col">Comment</th>
                <th scope="col">CSAT</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.conversationId}-${row.at}`} data-testid="feedback-row" data-agent-id={row.agentId ?? ''}>
                  <td className="numeric">{formatClockTime(row.at, timeZone)}</td>
                  <td>{row.agentName ?? row.agentId ?? '–'}</td>
                  <td>
                    {onOpenConversation === null ? (
                      <span className="mono">{row.conversationId}</span>
                    ) : (
                      <button type="button" className="link-button mono" onClick={() => onOpenConversation(row.conversationId)} title="Open the transcript" data-testid="feedback-conversation">
                        {row.conversationId}
                      </button>
                    )}
                  </td>
                  <td className="feedback-panel__comment">{row.comment ?? <span className="detail-muted">No comment</span>}</td>
                  <td>
                    <span className={`rating rating--${row.rating >= 4 ? 'good' : row.rating <= 2 ? 'bad' : 'neutral'}`} data-testid="feedback-rating">
                      {ratingLabel(row.rating)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
