/**
 * Migration 250: insight_sums' hours and UTC days (docs/decisions/0050-insight-sum-levels.md).
 * Never edit it once shipped (docs/decisions/0012-schema-ownership.md).
 */
import type { Migration } from '../../store/migrations/migration.js';
import { INSIGHT_SUM_COLUMNS, INSIGHT_SUM_KINDS, SUM_BUCKET_MS } from './0190-insight-sums.js';

/** The lengths, in quarter hours, of insight_sum_levels' rows: a UTC hour and a UTC day (quarters stay in insight_sums). */
export const INSIGHT_SUM_LEVEL_SPANS = [4, 96] as const;

const columns = INSIGHT_SUM_COLUMNS.map(([column]) => column);
const valuesOf = (alias: string, sign: 1 | -1): string =>
  INSIGHT_SUM_COLUMNS.map(([, perRow]) => (sign === 1 ? perRow : `-(${perRow})`).replaceAll('$.', `${alias}.`)).join(', ');
const keysOf = (alias: string): string => INSIGHT_SUM_KINDS.map(([kind, key]) => `SELECT '${kind}' AS kind, ${key.replaceAll('$.', `${alias}.`)} AS key`).join(' UNION ALL ');
const addUp = `ON CONFLICT (span, kind, bucket, queue_id, key) DO UPDATE SET ${columns.map((name) => `${name} = ${name} + excluded.${name}`).join(', ')}`;

/** Adds (1) or takes away (−1) one insight_facts row in every breakdown of one level. */
function levelOf(alias: 'new' | 'old', sign: 1 | -1, span: number): string {
  return `INSERT INTO insight_sum_levels (span, kind, bucket, queue_id, key, ${columns.join(', ')})
      SELECT ${span}, k.kind, (${alias}.created_at / ${SUM_BUCKET_MS * span}) * ${span}, ${alias}.queue_id, k.key, ${valuesOf(alias, sign)}
      FROM (${keysOf(alias)}) AS k WHERE true ${addUp};`;
}

const change = (alias: 'new' | 'old', sign: 1 | -1): string => INSIGHT_SUM_LEVEL_SPANS.map((span) => levelOf(alias, sign, span)).join('\n        ');

/** Drops the rows of the removed fact's hour and day left with no conversation. */
const prune = INSIGHT_SUM_LEVEL_SPANS.map(
  (span) => `DELETE FROM insight_sum_levels WHERE span = ${span} AND kind IN (${INSIGHT_SUM_KINDS.map(([kind]) => `'${kind}'`).join(', ')})
      AND bucket = (old.created_at / ${SUM_BUCKET_MS * span}) * ${span} AND queue_id = old.queue_id AND conversations = 0;`,
).join('\n        ');

/** Existing caches: each level summed from the quarter rows of insight_sums (which equal the facts' sums). */
const backfill = INSIGHT_SUM_LEVEL_SPANS.map(
  (span) => `INSERT INTO insight_sum_levels (span, kind, bucket, queue_id, key, ${columns.join(', ')})
      SELECT ${span}, kind, (bucket / ${span}) * ${span}, queue_id, key, ${columns.map((name) => `sum(${name})`).join(', ')}
      FROM insight_sums GROUP BY kind, (bucket / ${span}) * ${span}, queue_id, key;`,
).join('\n      ');

const SUMMED_FACTS = [
  'created_at', 'queue_id', 'channel', 'intent', 'agent_id', 'team_id', 'location', 'disposition', 'offered', 'queued', 'assigned', 'abandoned',
  'wait_ms', 'abandon_ms', 'handle_ms', 'first_response_ms', 'response_ms_sum', 'responses', 'sl_eligible', 'sl_met', 'transfers', 'timed_out',
  'bot_messages', 'contained', 'escalation_reason', 'csat', 'sentiment',
];

export const MIGRATION_0250_INSIGHT_SUM_LEVELS: Migration = {
  version: 250,
  name: 'insights: sums per UTC hour and UTC day',
  // insight_sum_levels holds insight_sums' rows summed per UTC hour (span 4) and UTC day (span 96),
  // bucket being the first quarter. A read cuts its range into days inside, hours and quarters at
  // the edges (quarter-ranges.ts), as agent time does (migration 220). Kept by triggers on
  // insight_facts next to insight_sums' own (the facts pass, a recomputation and retention write
  // them, never ingest); an epoch rename changes no sum.
  sql: `
      CREATE TABLE insight_sum_levels (
        span INTEGER NOT NULL CHECK (span IN (${INSIGHT_SUM_LEVEL_SPANS.join(', ')})),
        kind TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        queue_id TEXT NOT NULL,
        key TEXT NOT NULL,
        ${columns.map((name) => `${name} ${name === 'sentiment_sum' ? 'REAL' : 'INTEGER'} NOT NULL`).join(',\n        ')},
        PRIMARY KEY (span, kind, bucket, queue_id, key)
      ) STRICT, WITHOUT ROWID;
      ${backfill}
      CREATE TRIGGER insight_sum_levels_insert AFTER INSERT ON insight_facts BEGIN
        ${change('new', 1)}
      END;
      CREATE TRIGGER insight_sum_levels_delete AFTER DELETE ON insight_facts BEGIN
        ${change('old', -1)}
        ${prune}
      END;
      CREATE TRIGGER insight_sum_levels_update AFTER UPDATE OF ${SUMMED_FACTS.join(', ')} ON insight_facts BEGIN
        ${change('old', -1)}
        ${prune}
        ${change('new', 1)}
      END;
    `,
};
