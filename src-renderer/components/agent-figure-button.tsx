/**
 * One figure of the agent panel (time in status, handle time, average response time,
 * assignments) as a button that opens its explanation: the `live.explain` query on the agent,
 * shown in the same dialog as a queue's figures (explain-figure.tsx). The row is not a
 * navigable unit of its own, so each figure is one tab stop, as a figure of the queue panel is;
 * Enter or Space opens it and focus returns to it when the dialog closes.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { AGENT_FIGURES, type AgentFigureId, type AgentFigurePeriod } from '../../src-shared/metrics/agent-explanation.js';
import { useT } from '../i18n/translate.js';
import { Dialog } from './dialog.js';
import { ExplanationLoader } from './explain-figure.js';
import { agentFigureButtonName, type ExplainLinks } from './explain-model.js';

const t = useT('components');

/** Where an agent's figures are explained: the panel's period and the links of the view's target. */
export interface AgentExplainScope {
  readonly period: AgentFigurePeriod;
  readonly links: ExplainLinks;
  readonly timeZone?: string;
}

export function AgentFigureButton({
  scope,
  agentId,
  agentName,
  figureId,
  value,
  children,
}: {
  readonly scope: AgentExplainScope;
  readonly agentId: string;
  readonly agentName: string;
  readonly figureId: AgentFigureId;
  readonly value: number | null;
  readonly children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const close = (): void => setOpen(false);
  return (
    <>
      <button type="button" className="figure-button" aria-label={agentFigureButtonName(figureId, agentName, value)} onClick={() => setOpen(true)} data-testid={`agent-figure-${figureId}`}>
        {children}
      </button>
      {open
        ? createPortal(
            <div className="explain-dialog-host">
              <Dialog title={t('figureOf', { label: AGENT_FIGURES[figureId].label, title: agentName })} testId="explain-dialog" onCancel={close} closeButton wide>
                <div className="dialog__body">
                  <ExplanationLoader request={{ target: { kind: 'agent', agentId, period: scope.period }, metricId: figureId }} links={scope.links} timeZone={scope.timeZone} onNavigate={close} />
                </div>
              </Dialog>
            </div>,
            document.body,
          )
        : null}
    </>
  );
}
