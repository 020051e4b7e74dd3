/**
 * The history area's reads of the floor's projections for its filter options and downloads:
 * queue time zones, conversations' queues, agents and recent intents. Read only: the projections
 * are written by ingest alone.
 */
import { messagesReadable, scopeIncludes, type QueueScope } from '../queue-scope.js';
import type { StoreConnection } from '../store/connection.js';

export interface HistoryAgentRecord {
  readonly agentId: string;
  readonly name: string;
  readonly teamId: string;
  readonly teamName: string;
  /** JSON array of queue ids. */
  readonly queueIds: string;
}

export interface HistoryLookups {
  /** False once the store is closed: background work stops. */
  isOpen(): boolean;
  timeZoneOf(queueId: string): string | null;
  /**
   * Which of these conversations the scope may read, in the given order: known, in its queues, and
   * ended unless the scope may read live messages.
   */
  readableOf(scope: QueueScope, conversationIds: readonly string[]): string[];
  /** The queue of each known conversation (for audit records of what the caller already reached). */
  queuesOf(conversationIds: readonly string[]): Map<string, string>;
  agents(): HistoryAgentRecord[];
  /** Intents of the latest conversations, for the filter options before the metrics pass learns more. */
  recentIntents(): string[];
}

/** Prepares the lookups once on the store's connection (Store.repository). */
export function createHistoryLookups(connection: StoreConnection): HistoryLookups {
  const statements = {
    queueZone: connection.prepare<[string], string | null>('SELECT time_zone FROM queues WHERE queue_id = ?').pluck(),
    queuesOf: connection.prepare<[string], { conversationId: string; queueId: string; state: string }>(
      'SELECT conversation_id AS conversationId, queue_id AS queueId, state FROM conversations WHERE conversation_id IN (SELECT value FROM json_each(?))',
    ),
    agents: connection.prepare<[], HistoryAgentRecord>(
      'SELECT agent_id AS agentId, name, team_id AS teamId, team_name AS teamName, queue_ids AS queueIds FROM agents ORDER BY name, agent_id',
    ),
    recentIntents: connection
      .prepare<[], string>("SELECT DISTINCT intent FROM (SELECT intent FROM conversations ORDER BY created_at DESC LIMIT 5000) WHERE intent <> ''")
      .pluck(),
  };
  return {
    isOpen: () => connection.open,
    timeZoneOf: (queueId) => statements.queueZone.get(queueId) ?? null,
    readableOf: (scope, conversationIds) => {
      const known = new Map(statements.queuesOf.all(JSON.stringify(conversationIds)).map((row) => [row.conversationId, row]));
      return conversationIds.filter((conversationId) => {
        const row = known.get(conversationId);
        return row !== undefined && scopeIncludes(scope, row.queueId) && messagesReadable(scope, row.state);
      });
    },
    queuesOf: (conversationIds) => new Map(statements.queuesOf.all(JSON.stringify(conversationIds)).map((row) => [row.conversationId, row.queueId])),
    agents: () => statements.agents.all(),
    recentIntents: () => statements.recentIntents.all(),
  };
}
