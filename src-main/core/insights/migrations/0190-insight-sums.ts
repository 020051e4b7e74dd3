/**
 * Migration 190: Historical Insights' pre-summed figures (docs/decisions/0039-insight-sums.md).
 * Never edit it once shipped (docs/decisions/0012-schema-ownership.md); the column and key lists
 * below are part of it and are exported so the engine reads the same sums off insight_facts when
 * it must (conversation-sums.ts).
 */
import type { Migration } from '../../store/migrations/migration.js';

/** A UTC quarter hour: every zone in use is offset by whole quarters, so a bucket lies in one local interval. */
export const SUM_BUCKET_MS = 900_000;

/**
 * The summed columns of insight_sums and the value one insight_facts row adds to each; `$` stands
 * for the row (new., old., f.). Every value is 0 where the fact is not known, as total() takes it.
 */
export const INSIGHT_SUM_COLUMNS: readonly (readonly [column: string, perRow: string])[] = [
  ['conversations', '1'],
  ['offered', '$.offered'],
  ['queued', '$.queued'],
  ['assigned', '$.assigned'],
  ['abandoned', '$.abandoned'],
  ['abandon_ms', 'coalesce($.abandon_ms, 0)'],
  ['abandons', '($.abandon_ms IS NOT NULL)'],
  ['wait_ms', 'coalesce($.wait_ms, 0)'],
  ['waits', '($.wait_ms IS NOT NULL)'],
  ['handle_ms', 'coalesce($.handle_ms, 0)'],
  ['handles', '($.handle_ms IS NOT NULL)'],
  ['first_response_ms', 'coalesce($.first_response_ms, 0)'],
  ['first_responses', '($.first_response_ms IS NOT NULL)'],
  ['response_ms', '$.response_ms_sum'],
  ['responses', '$.responses'],
  ['sl_met', '$.sl_met'],
  ['sl_eligible', '$.sl_eligible'],
  ['resolved', "coalesce($.disposition = 'resolved', 0)"],
  ['dispositioned', '($.disposition IS NOT NULL)'],
  ['transfers', '$.transfers'],
  ['timed_out', '$.timed_out'],
  ['bot', '($.bot_messages > 0)'],
  ['contained', '$.contained'],
  ['escalated', '($.bot_messages > 0 AND $.queued = 1)'],
  ['surveys', '($.csat IS NOT NULL)'],
  ['csat_positive', 'coalesce($.csat >= 4, 0)'],
  ['csat_sum', 'coalesce($.csat, 0)'],
  ['sentiment_sum', 'coalesce($.sentiment, 0.0)'],
  ['sentiments', '($.sentiment IS NOT NULL)'],
];

/**
 * The breakdowns summed: each row of insight_sums is one conversation attribute's value (kind, key)
 * in one bucket and queue; kind `none` holds every conversation under the key ''.
 */
export const INSIGHT_SUM_KINDS: readonly (readonly [kind: string, key: string])[] = [
  ['none', "''"],
  ['agent', "coalesce($.agent_id, '')"],
  ['team', "coalesce($.team_id, '')"],
  ['location', "coalesce($.location, '')"],
  ['channel', '$.channel'],
  ['intent', '$.intent'],
  ['disposition', "coalesce($.disposition, '')"],
  ['escalationReason', "coalesce($.escalation_reason, '')"],
  ['csatScore', "coalesce(CAST($.csat AS TEXT), '')"],
];

const row = (alias: string, text: string): string => text.replaceAll('$.', `${alias}.`);
const names = INSIGHT_SUM_COLUMNS.map(([column]) => column);
const kindsOf = (alias: string): string => INSIGHT_SUM_KINDS.map(([kind, key]) => `SELECT '${kind}' AS kind, ${row(alias, key)} AS key`).join(' UNION ALL ');

/** Adds (sign 1) or takes away (sign −1) one insight_facts row's sums in every breakdown. */
function apply(alias: 'new' | 'old', sign: 1 | -1): string {
  const values = INSIGHT_SUM_COLUMNS.map(([, perRow]) => (sign === 1 ? row(alias, perRow) : `-(${row(alias, perRow)})`));
  return `INSERT INTO insight_sums (kind, bucket, queue_id, key, ${names.join(', ')})
      SELECT k.kind, ${alias}.created_at / ${SUM_BUCKET_MS}, ${alias}.queue_id, k.key, ${values.join(', ')}
      FROM (${kindsOf(alias)}) AS k WHERE true
      ON CONFLICT (kind, bucket, queue_id, key) DO UPDATE SET ${names.map((name) => `${name} = ${name} + excluded.${name}`).join(', ')};`;
}

/** Drops the rows a removal left with no conversation, so the table holds only what is there. */
const prune = (alias: 'old'): string =>
  `DELETE FROM insight_sums WHERE kind IN (${INSIGHT_SUM_KINDS.map(([kind]) => `'${kind}'`).join(', ')})
      AND bucket = ${alias}.created_at / ${SUM_BUCKET_MS} AND queue_id = ${alias}.queue_id AND conversations = 0;`;

const backfill = INSIGHT_SUM_KINDS.map(
  ([kind, key]) => `INSERT INTO insight_sums (kind, bucket, queue_id, key, ${names.join(', ')})
      SELECT '${kind}', f.created_at / ${SUM_BUCKET_MS}, f.queue_id, ${row('f', key)}, ${INSIGHT_SUM_COLUMNS.map(([, perRow]) => `sum(${row('f', perRow)})`).join(', ')}
      FROM insight_facts AS f GROUP BY 2, 3, 4;`,
).join('\n');

const SUMMED_FACTS = [
  'created_at', 'queue_id', 'channel', 'intent', 'agent_id', 'team_id', 'location', 'disposition', 'offered', 'queued', 'assigned', 'abandoned',
  'wait_ms', 'abandon_ms', 'handle_ms', 'first_response_ms', 'response_ms_sum', 'responses', 'sl_eligible', 'sl_met', 'transfers', 'timed_out',
  'bot_messages', 'contained', 'escalation_reason', 'csat', 'sentiment',
];

export const MIGRATION_0190_INSIGHT_SUMS: Migration = {
  version: 190,
  name: 'insights: sums per quarter hour, queue and breakdown',
  // insight_sums holds, per breakdown (kind, key), UTC quarter hour and queue, the sums of the
  // conversation figures' numerators and denominators, so a dashboard reads a few thousand short
  // rows instead of one facts row per conversation. Triggers on insight_facts keep it equal to the
  // sums of the facts rows at every commit: the facts pass's insert adds, a recomputation (delete
  // then insert) takes away and adds, retention's delete (through insight_facts_retention) takes
  // away. None of them runs in the ingest transaction. A conversation renamed because another feed
  // epoch reused its id (docs/decisions/0016) takes its facts row along, which changes no sum.
  // Existing facts are summed here, once. Agent-time figures read every assignment of a range
  // (occupancy, concurrency and utilisation need each conversation's span): a narrow covering
  // index of the assigned rows halves that read.
  sql: `
      CREATE TABLE insight_sums (
        kind TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        queue_id TEXT NOT NULL,
        key TEXT NOT NULL,
        ${names.map((name) => `${name} ${name === 'sentiment_sum' ? 'REAL' : 'INTEGER'} NOT NULL`).join(',\n        ')},
        PRIMARY KEY (kind, bucket, queue_id, key)
      ) STRICT, WITHOUT ROWID;
      ${backfill}
      CREATE TRIGGER insight_sums_insert AFTER INSERT ON insight_facts BEGIN
        ${apply('new', 1)}
      END;
      CREATE TRIGGER insight_sums_delete AFTER DELETE ON insight_facts BEGIN
        ${apply('old', -1)}
        ${prune('old')}
      END;
      CREATE TRIGGER insight_sums_update AFTER UPDATE OF ${SUMMED_FACTS.join(', ')} ON insight_facts BEGIN
        ${apply('old', -1)}
        ${prune('old')}
        ${apply('new', 1)}
      END;
      CREATE INDEX insight_facts_assignments ON insight_facts (created_at, assigned_at, ended_at, agent_id, queue_id) WHERE assigned_at IS NOT NULL;
      CREATE TRIGGER insight_facts_renamed AFTER UPDATE OF conversation_id ON conversations BEGIN
        UPDATE insight_facts SET conversation_id = new.conversation_id WHERE conversation_id = old.conversation_id;
      END;
    `,
};
