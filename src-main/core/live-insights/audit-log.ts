/**
 * The tamper-evident audit log of supervisor actions (docs/decisions/0007-audit-hash-chain.md).
 *
 * Every row is one link of a hash chain: hash = sha256(previous row's hash + canonical JSON of the
 * row's own fields). An action is written before its command leaves for the feed, durably
 * (synchronous=FULL for that commit); its outcome is a later row naming the action, so no row is
 * ever rewritten and verification covers outcomes too.
 */
import { scopeJson, type QueueScope } from '../queue-scope.js';
import type { StoreConnection } from '../store/connection.js';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src-shared/api/commands.js';
import type { AuditRecord, AuditVerification } from '../../../src-shared/api/live-insights.js';
import type { Role } from '../../../src-shared/permissions.js';

/** The "previous hash" of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditOutcome = 'acked' | 'rejected' | 'local';

/** One row exactly as stored: the hash covers every field but itself, as stored text and numbers. */
export interface AuditEntry {
  readonly auditId: number;
  readonly kind: 'action' | 'outcome';
  readonly at: number;
  readonly userId: string;
  readonly role: string;
  readonly action: string;
  readonly target: string;
  /** JSON array text of the queues the action concerns (for queue scoping). */
  readonly queueIds: string;
  readonly detail: string;
  readonly commandId: string;
  readonly outcome: 'pending' | AuditOutcome;
  readonly outcomeDetail: string | null;
  /** Set on outcome rows: the action they answer. */
  readonly actionAuditId: number | null;
  readonly hash: string;
}

export interface AuditActionInput {
  readonly at: number;
  readonly userId: string;
  readonly role: Role;
  readonly action: string;
  readonly target: string;
  readonly queueIds: readonly string[];
  /** Canonical JSON of what was asked (the command's fields). */
  readonly detail: string;
  readonly commandId: string;
}

/** Actions whose detail holds words said into a live conversation. */
const LIVE_TEXT_ACTIONS: ReadonlySet<string> = new Set(['conversation.whisper', 'conversation.reply']);

/**
 * A record as a reader without the live-transcript permission sees it: the text of someone else's
 * whisper or reply is a message of a conversation in progress (docs/product.md §1).
 */
function withoutLiveText(entry: AuditRecord, readerId: string): AuditRecord {
  if (!LIVE_TEXT_ACTIONS.has(entry.action) || entry.userId === readerId) return entry;
  try {
    const fields = JSON.parse(entry.detail) as Record<string, unknown>;
    return { ...entry, detail: JSON.stringify({ ...fields, text: '(withheld: needs the live transcript permission)' }) };
  } catch {
    return { ...entry, detail: '(withheld: needs the live transcript permission)' };
  }
}

export interface AuditListQuery {
  readonly limit: number;
  /** The asking user: their own records are always visible to them. */
  readonly userId: string;
  /** Queues the asker may see. A record is visible when one of its queues is in scope. */
  readonly queueScope: QueueScope;
}

export interface AuditLog {
  /** Writes an action (outcome pending) durably and returns it. Throws when it could not be written. */
  recordAction(input: AuditActionInput): AuditRecord;
  /** Writes the outcome of an action durably and returns the action with its outcome. */
  recordOutcome(actionAuditId: number, outcome: AuditOutcome, detail: string | null, at: number): AuditRecord;
  /** Writes an action the core refused and its rejection, together. */
  recordRefusal(input: AuditActionInput, reason: string): AuditRecord;
  /** The action recorded under a command id, with its outcome so far. */
  findByCommandId(commandId: string): AuditRecord | null;
  /** Actions, newest first, with their outcomes. */
  list(query: AuditListQuery): AuditRecord[];
  /** Walks the whole chain. */
  verify(): AuditVerification;
}

/** The hash of one row given its predecessor's: sha256 over the previous hash and the row's canonical JSON. */
export function auditHash(previousHash: string, entry: Omit<AuditEntry, 'hash'>): string {
  const fields: Omit<AuditEntry, 'hash'> = {
    auditId: entry.auditId,
    kind: entry.kind,
    at: entry.at,
    userId: entry.userId,
    role: entry.role,
    action: entry.action,
    target: entry.target,
    queueIds: entry.queueIds,
    detail: entry.detail,
    commandId: entry.commandId,
    outcome: entry.outcome,
    outcomeDetail: entry.outcomeDetail,
    actionAuditId: entry.actionAuditId,
  };
  return createHash('sha256').update(previousHash).update(canonicalJson(fields)).digest('hex');
}

/**
 * Checks a chain of rows in id order: ids run 1, 2, 3… with no hole, each hash matches its row and
 * its predecessor, and no row was issued after the last one present (`lastIssuedId`, from
 * sqlite_sequence). Stops at the first bad row.
 */
export function verifyAuditChain(entries: Iterable<AuditEntry>, lastIssuedId: number): AuditVerification {
  let previousHash = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  for (const entry of entries) {
    checked += 1;
    // A missing id means rows were deleted before this one; the hash would not match either.
    if (entry.auditId !== expectedId || auditHash(previousHash, entry) !== entry.hash) {
      return { ok: false, checked, firstBadAuditId: entry.auditId };
    }
    previousHash = entry.hash;
    expectedId += 1;
  }
  // Rows were issued after the last one left: the tail was cut off.
  if (lastIssuedId >= expectedId) return { ok: false, checked, firstBadAuditId: expectedId };
  return { ok: true, checked, firstBadAuditId: null };
}

const ENTRY_COLUMNS = `audit_id AS auditId, kind, at, user_id AS userId, role, action, target, queue_ids AS queueIds, detail,
  command_id AS commandId, outcome, outcome_detail AS outcomeDetail, action_audit_id AS actionAuditId, hash`;

const RECORD_SELECT = `
  SELECT a.audit_id AS auditId, a.at AS at, a.user_id AS userId, a.role AS role, a.action AS action, a.target AS target,
    a.detail AS detail, a.command_id AS commandId, coalesce(o.outcome, a.outcome) AS outcome, o.outcome_detail AS outcomeDetail,
    a.hash AS hash
  FROM audit_log a LEFT JOIN audit_log o ON o.action_audit_id = a.audit_id AND o.kind = 'outcome'`;

/**
 * The audit log over the store's connection.
 *
 * The store runs WAL with synchronous=NORMAL, where a commit may be lost on power failure until the
 * next checkpoint. An audit record must survive that, so each audit write switches the connection
 * to FULL for its own commit and back afterwards; better-sqlite3 is synchronous, so no other write
 * can slip in between.
 */
export function createAuditLog(db: StoreConnection): AuditLog {
  const statements = {
    lastEntry: db.prepare<[], { auditId: number; hash: string }>('SELECT audit_id AS auditId, hash FROM audit_log ORDER BY audit_id DESC LIMIT 1'),
    lastIssued: db.prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck(),
    insert: db.prepare<[number, string, number, string, string, string, string, string, string, string, string, string | null, number | null, string]>(
      `INSERT INTO audit_log (audit_id, kind, at, user_id, role, action, target, queue_ids, detail, command_id, outcome, outcome_detail, action_audit_id, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    entryById: db.prepare<[number], AuditEntry>(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE audit_id = ?`),
    recordById: db.prepare<[number], AuditRecord>(`${RECORD_SELECT} WHERE a.audit_id = ? AND a.kind = 'action'`),
    recordByCommand: db.prepare<[string], AuditRecord>(`${RECORD_SELECT} WHERE a.command_id = ? AND a.kind = 'action'`),
    list: db.prepare<[string, string | null, string | null, number], AuditRecord>(
      `${RECORD_SELECT}
       WHERE a.kind = 'action' AND (
         a.user_id = ? OR json(?) IS NULL
         OR EXISTS (SELECT 1 FROM json_each(a.queue_ids) AS mine WHERE mine.value IN (SELECT value FROM json_each(?)))
       )
       ORDER BY a.audit_id DESC LIMIT ?`,
    ),
    allEntries: db.prepare<[], AuditEntry>(`SELECT ${ENTRY_COLUMNS} FROM audit_log ORDER BY audit_id`),
  };

  /** Appends one row to the chain inside the caller's transaction. */
  const append = (entry: Omit<AuditEntry, 'auditId' | 'hash'>): number => {
    const last = statements.lastEntry.get();
    const auditId = Math.max(last?.auditId ?? 0, statements.lastIssued.get() ?? 0) + 1;
    const hash = auditHash(last?.hash ?? GENESIS_HASH, { ...entry, auditId });
    statements.insert.run(
      auditId,
      entry.kind,
      entry.at,
      entry.userId,
      entry.role,
      entry.action,
      entry.target,
      entry.queueIds,
      entry.detail,
      entry.commandId,
      entry.outcome,
      entry.outcomeDetail,
      entry.actionAuditId,
      hash,
    );
    return auditId;
  };

  const durably = <T>(work: () => T): T => {
    const previous = db.pragma('synchronous', { simple: true }) as number;
    db.pragma('synchronous = FULL');
    try {
      return db.transaction(work).immediate();
    } finally {
      db.pragma(`synchronous = ${previous}`);
    }
  };

  const actionEntry = (input: AuditActionInput): Omit<AuditEntry, 'auditId' | 'hash'> => ({
    kind: 'action',
    at: input.at,
    userId: input.userId,
    role: input.role,
    action: input.action,
    target: input.target,
    queueIds: JSON.stringify(input.queueIds),
    detail: input.detail,
    commandId: input.commandId,
    outcome: 'pending',
    outcomeDetail: null,
    actionAuditId: null,
  });

  const appendOutcome = (actionAuditId: number, outcome: AuditOutcome, detail: string | null, at: number): void => {
    const action = statements.entryById.get(actionAuditId);
    if (!action || action.kind !== 'action') throw new Error(`audit record ${actionAuditId} is not an action`);
    const { auditId: _auditId, hash: _hash, ...described } = action;
    append({ ...described, kind: 'outcome', at, outcome, outcomeDetail: detail, actionAuditId });
  };

  const record = (auditId: number): AuditRecord => {
    const found = statements.recordById.get(auditId);
    if (!found) throw new Error(`audit record ${auditId} vanished`);
    return found;
  };

  return {
    recordAction(input) {
      return record(durably(() => append(actionEntry(input))));
    },
    recordOutcome(actionAuditId, outcome, detail, at) {
      durably(() => appendOutcome(actionAuditId, outcome, detail, at));
      return record(actionAuditId);
    },
    recordRefusal(input, reason) {
      const auditId = durably(() => {
        const id = append(actionEntry(input));
        appendOutcome(id, 'rejected', reason, input.at);
        return id;
      });
      return record(auditId);
    },
    findByCommandId(commandId) {
      return statements.recordByCommand.get(commandId) ?? null;
    },
    list(query) {
      const scope = scopeJson(query.queueScope);
      const records = statements.list.all(query.userId, scope, scope, Math.max(1, Math.floor(query.limit)));
      return query.queueScope.liveMessages ? records : records.map((entry) => withoutLiveText(entry, query.userId));
    },
    verify() {
      return verifyAuditChain(statements.allEntries.iterate(), statements.lastIssued.get() ?? 0);
    },
  };
}
