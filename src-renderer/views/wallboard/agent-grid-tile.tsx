/**
 * Hundreds to thousands of agents at a glance: one small cell per agent, coloured by status and
 * drawn with its own shape and fill (round, square, hatched, outlined) so colour is not the only
 * signal, with initials when the cell is big enough. Each cell is memoised and reads only its
 * own agent, so a status change repaints one cell; the list of cells changes only when the
 * roster does.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BoardTile } from '../../../src-shared/wallboard/board.js';
import { useWallboardLive, useWallboardLiveStore } from './live-context.js';
import { TileFrame, TileMessage } from './tile-frame.js';
import { AGENT_STATUS_LABELS, AGENT_STATUSES, agentDisplayStatus, gridAgentIds, gridCellSize, initials, statusCounts } from './wallboard-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

type AgentGridConfig = Extract<BoardTile, { kind: 'agent_grid' }>;

const GAP_PX = 3;
/** Below this a cell shows its status shape only: initials would not be legible. */
const INITIALS_MIN_PX = 22;

const AgentCell = memo(function AgentCell({ agentId }: { readonly agentId: string }) {
  const agent = useWallboardLive((state) => state.agents[agentId]);
  if (agent === undefined) return null;
  const status = agentDisplayStatus(agent);
  return (
    <div className={`wb-agent wb-agent--${status}`} title={`${agent.name} — ${AGENT_STATUS_LABELS[status]}`} data-testid="agent-cell" data-status={status}>
      {initials(agent.name)}
    </div>
  );
});

function Legend({ agentIds }: { readonly agentIds: readonly string[] }) {
  const counts = useWallboardLive(useShallow((state) => statusCounts(state.agents, agentIds)));
  return (
    <ul className="wb-agents__legend" aria-label={t('agentsByStatus')} data-testid="agent-legend">
      {AGENT_STATUSES.map((status) => (
        <li key={status} className={`wb-legend wb-legend--${status}`}>
          <span className={`wb-agent wb-agent--${status} wb-legend__swatch`} aria-hidden="true" />
          <span className="wb-legend__label">{AGENT_STATUS_LABELS[status]}</span>
          <strong className="wb-legend__count" data-testid={`agent-count-${status}`}>
            {counts[status]}
          </strong>
        </li>
      ))}
    </ul>
  );
}

/** The cells, sized to fill the space they have: measured, then the largest square that fits them all. */
const AgentCells = memo(function AgentCells({ agentIds }: { readonly agentIds: readonly string[] }) {
  const boxRef = useRef<HTMLDivElement | null>(null);
  const [box, setBox] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const element = boxRef.current;
    if (element === null) return undefined;
    const observer = new ResizeObserver((entries) => {
      const rect = entries[0]?.contentRect;
      if (rect !== undefined) setBox((previous) => (previous.width === rect.width && previous.height === rect.height ? previous : { width: rect.width, height: rect.height }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const { columns, cellPx } = gridCellSize(agentIds.length, box.width, box.height, GAP_PX);
  const style = { '--wb-cell': `${cellPx}px`, gridTemplateColumns: `repeat(${columns}, ${cellPx}px)`, gap: `${GAP_PX}px` } as CSSProperties;
  return (
    <div ref={boxRef} className="wb-agents__box">
      <div className={`wb-agents__cells${cellPx < INITIALS_MIN_PX ? ' is-compact' : ''}`} style={style} aria-hidden="true" data-testid="agent-cells">
        {cellPx === 0 ? null : agentIds.map((agentId) => <AgentCell key={agentId} agentId={agentId} />)}
      </div>
    </div>
  );
});

export const AgentGridTile = memo(function AgentGridTile({ tile }: { readonly tile: AgentGridConfig }) {
  const store = useWallboardLiveStore();
  const loaded = useWallboardLive((state) => state.loaded);
  const error = useWallboardLive((state) => (state.loaded ? null : state.error));
  const asOf = useWallboardLive((state) => state.asOfTime);
  const roster = useWallboardLive((state) => state.rosterVersion);
  const queueKey = tile.queueIds.join('\u0000');
  // Recomputed only when agents join, leave or change queues: status changes keep the same list.
  const agentIds = useMemo(() => gridAgentIds(store.getState().agents, queueKey.length === 0 ? [] : queueKey.split('\u0000')), [store, roster, queueKey]);
  return (
    <TileFrame tileId={tile.tileId} kind="agent_grid" placement={tile} title={tile.title ?? t('agents')} asOf={asOf}>
      {error !== null ? (
        <TileMessage tone="error">{t('liveDataUnavailable')}{error}</TileMessage>
      ) : !loaded ? (
        <TileMessage>{t('waitingForLiveData')}</TileMessage>
      ) : agentIds.length === 0 ? (
        <TileMessage>{t('noAgentsInThis')}</TileMessage>
      ) : (
        <div className="wb-agents" data-testid="agent-grid" data-agents={agentIds.length}>
          <Legend agentIds={agentIds} />
          <AgentCells agentIds={agentIds} />
        </div>
      )}
    </TileFrame>
  );
});
