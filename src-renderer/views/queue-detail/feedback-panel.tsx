/** Customer feedback of the queue: newest first, filterable by agent, each conversation one click from its transcript. */
import { useMemo, useState } from 'react';
import type { FeedbackRow } from '../../../src-shared/api/live-insights.js';
import { formatClockTime } from '../../components/conversations-model.js';
import { feedbackAgents, filterFeedback, ratingLabel } from '../../components/performance-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

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
          {t('customerFeedback')}<span className="detail-count">{feedback.length}</span>
        </h2>
        <label className="select-box">
          <span>{t('agent2')}</span>
          <select value={agentId ?? ''} onChange={(event) => setAgentId(event.target.value === '' ? null : event.target.value)} data-testid="feedback-agent-filter">
            <option value="">{t('allAgents')}</option>
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
          {feedback.length === 0 ? t('noSurveyAnswerYet') : t('noSurveyAnswerFor')}
        </p>
      ) : (
        <div className="detail-table__scroller detail-table__scroller--tall">
          <table className="detail-table" aria-label={t('customerFeedback2')}>
            <thead>
              <tr>
                <th scope="col">{t('time')}{timeZone})</th>
                <th scope="col">{t('agent2')}</th>
                <th scope="col">{t('conversation')}</th>
                <th scope="col">{t('comment')}</th>
                <th scope="col">{t('csat')}</th>
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
                      <button type="button" className="link-button mono" onClick={() => onOpenConversation(row.conversationId)} title={t('openTheTranscript')} data-testid="feedback-conversation">
                        {row.conversationId}
                      </button>
                    )}
                  </td>
                  <td className="feedback-panel__comment">{row.comment ?? <span className="detail-muted">{t('noComment')}</span>}</td>
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
