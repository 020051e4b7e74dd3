/**
 * The tamper-evident audit log of supervisor actions and other sensitive actions
 * (docs/decisions/0007-audit-hash-chain.md and docs/decisions/0014-keyed-audit-chain.md).
 *
 * Every row is one link of a chain: hash = HMAC-SHA-256(key, previous row's hash + canonical JSON
 * of the row's own fields), with the key in the secret vault, outside the database; rows written
 * before the chain was keyed keep their plain SHA-256 as a sealed legacy prefix. After every record
 * the chain's head (last id, hash, count) is written to the vault too, so deleting the log or its
 * tail shows. An action is written before its command leaves for the feed, durably
 * (synchronous=FULL for that commit); its outcome is a later row naming the action, so no row is
 * ever rewritten and verification covers outcomes too.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { scopeJson, type QueueScope } from '../queue-scope.js';
import type { StoreConnection } from '../store/connection.js';
import type { SecretVault } from '../secrets/secret-vault.js';
import { errorMessage } from '../../../src-shared/errors.js';
import type { AuditHead, AuditRecord, AuditVerification } from '../../../src-shared/api/live-insights.js';
import type { Role } from '../../../src-shared/permissions.js';
import {
  boundarySeal,
  checkAuditAnchor,
  GENESIS_HASH,
  keyedAuditHash,
  verifyAuditChain,
  type AuditEntry,
  type AuditOutcome,
  type StoredAuditHead,
} from './audit-chain.js';

export { GENESIS_HASH, keyedAuditHash, legacyAuditHash, type AuditEntry, type AuditOutcome } from './audit-chain.js';

/** The vault secret holding the chain key (64 hex characters), shared by every cache of a vault. */
export const AUDIT_KEY_SECRET = 'audit-chain-key';

/** The vault secret holding one chain's head. */
export function auditHeadSecret(chainId: string): string {
  return `audit-head.${chainId}`;
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
  /** Writes an action done on this console alone (outcome `local`), in one row. */
  recordLocal(input: Omit<AuditActionInput, 'commandId'>): AuditRecord;
  /** The action recorded under a command id, with its outcome so far. */
  findByCommandId(commandId: string): AuditRecord | null;
  /** Actions, newest first, with their outcomes. */
  list(query: AuditListQuery): AuditRecord[];
  /** The chain's last record (auditId 0 and the genesis hash when empty): what commands carry to the feed. */
  head(): AuditHead;
  /** Walks the whole chain, checks it against the vault's head and, when given, the feed's anchor. */
  verify(anchor?: AuditHead | null): AuditVerification;
}

export interface AuditLogOptions {
  /** Where the chain key and head live, outside the database. */
  readonly vault: SecretVault;
}

const ENTRY_COLUMNS = `audit_id AS auditId, kind, at, user_id AS userId, role, action, target, queue_ids AS queueIds, detail,
  command_id AS commandId, outcome, outcome_detail AS outcomeDetail, action_audit_id AS actionAuditId, hash`;

const RECORD_SELECT = `
  SELECT a.audit_id AS auditId, a.at AS at, a.user_id AS userId, a.role AS role, a.action AS action, a.target AS target,
    a.detail AS detail, a.command_id AS commandId, coalesce(o.outcome, a.outcome) AS outcome, o.outcome_detail AS outcomeDetail,
    a.hash AS hash, o.audit_id AS outcomeAuditId
  FROM audit_log a LEFT JOIN audit_log o ON o.action_audit_id = a.audit_id AND o.kind = 'outcome'`;

function withClosed<T>(rows: IterableIterator<unknown>, walk: () => T): T {
  try {
    return walk();
  } finally {
    rows.return?.();
  }
}

interface ChainRow {
  readonly chainId: string;
  readonly legacyThrough: number;
  readonly seal: string | null;
}

function parseHead(text: string | null): StoredAuditHead | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as Partial<StoredAuditHead>;
    if (typeof parsed.auditId !== 'number' || typeof parsed.hash !== 'string' || typeof parsed.legacyThrough !== 'number') return null;
    return { chainId: String(parsed.chainId), legacyThrough: parsed.legacyThrough, auditId: parsed.auditId, hash: parsed.hash, count: Number(parsed.count) };
  } catch {
    return null;
  }
}

/**
 * The audit log over the store's connection, keyed by the vault.
 *
 * At the first start with a key on this database the legacy boundary (rows the unkeyed versions
 * wrote, fixed by migration 100) is sealed with the key and the head written to the vault; a key
 * found missing later is replaced, and verification then reports the chain cannot be checked
 * past the boundary rather than trusting anything.
 *
 * The store runs WAL with synchronous=NORMAL, where a commit may be lost on power failure until the
 * next checkpoint. An audit record must survive that, so each audit write switches the connection
 * to FULL for its own commit and back afterwards; better-sqlite3 is synchronous, so no other write
 * can slip in between. The vault's head is written after the commit: a stop in between leaves the
 * head one record behind, and the records after it still verify under the key.
 */
export function createAuditLog(db: StoreConnection, options: AuditLogOptions): AuditLog {
  const { vault } = options;
  const statements = {
    lastEntry: db.prepare<[], { auditId: number; hash: string }>('SELECT audit_id AS auditId, hash FROM audit_log ORDER BY audit_id DESC LIMIT 1'),
    lastIssued: db.prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck(),
    chain: db.prepare<[], ChainRow>('SELECT chain_id AS chainId, legacy_through AS legacyThrough, seal FROM audit_chain WHERE singleton = 1'),
    seal: db.prepare<[string]>('UPDATE audit_chain SET seal = ? WHERE singleton = 1 AND seal IS NULL'),
    hashById: db.prepare<[number], string>('SELECT hash FROM audit_log WHERE audit_id = ?').pluck(),
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

  const chain = statements.chain.get();
  if (!chain) throw new Error('The audit chain row is missing from the database (migration 100); the audit log cannot be keyed.');
  let key = vault.read(AUDIT_KEY_SECRET);
  if (key === null || !/^[0-9a-f]{64}$/u.test(key)) {
    key = randomBytes(32).toString('hex');
    vault.write(AUDIT_KEY_SECRET, key);
  }
  const chainKey = key;
  const headName = auditHeadSecret(chain.chainId);

  const currentHead = (): AuditHead => statements.lastEntry.get() ?? { auditId: 0, hash: GENESIS_HASH };
  const writeHead = (): void => {
    const head = currentHead();
    const stored: StoredAuditHead = { chainId: chain.chainId, legacyThrough: chain.legacyThrough, auditId: head.auditId, hash: head.hash, count: head.auditId };
    vault.write(headName, JSON.stringify(stored));
  };

  if (chain.seal === null) {
    // First keyed start on this database: the rows present now are the legacy prefix.
    statements.seal.run(boundarySeal(chainKey, chain.chainId, chain.legacyThrough));
    writeHead();
  }

  /** Appends one row to the chain inside the caller's transaction. */
  const append = (entry: Omit<AuditEntry, 'auditId' | 'hash'>): number => {
    const last = statements.lastEntry.get();
    const auditId = Math.max(last?.auditId ?? 0, statements.lastIssued.get() ?? 0, chain.legacyThrough) + 1;
    const hash = keyedAuditHash(chainKey, last?.hash ?? GENESIS_HASH, { ...entry, auditId });
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
    let result: T;
    try {
      result = db.transaction(work).immediate();
    } finally {
      db.pragma(`synchronous = ${previous}`);
    }
    try {
      writeHead();
    } catch (error) {
      // The record stands; the head catches up with the next one (records past it verify by key).
      console.error(`[audit] the chain's head could not be written to ${vault.location}: ${errorMessage(error)}`);
    }
    return result;
  };

  const actionEntry = (input: AuditActionInput, outcome: 'pending' | 'local' = 'pending'): Omit<AuditEntry, 'auditId' | 'hash'> => ({
    kind: 'action',
    at: input.at,
    userId: input.userId,
    role: input.role,
    action: input.action,
    target: input.target,
    queueIds: JSON.stringify(input.queueIds),
    detail: input.detail,
    commandId: input.commandId,
    outcome,
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
    recordLocal(input) {
      return record(durably(() => append(actionEntry({ ...input, commandId: `local-${randomUUID()}` }, 'local'))));
    },
    findByCommandId(commandId) {
      return statements.recordByCommand.get(commandId) ?? null;
    },
    list(query) {
      const scope = scopeJson(query.queueScope);
      const records = statements.list.all(query.userId, scope, scope, Math.max(1, Math.floor(query.limit)));
      return query.queueScope.liveMessages ? records : records.map((entry) => withoutLiveText(entry, query.userId));
    },
    head: currentHead,
    verify(anchor = null) {
      const stored = statements.chain.get();
      const rows = statements.allEntries.iterate();
      // The walk may stop before the first row: the iterator is closed either way, or the connection stays busy.
      const verdict = withClosed(rows, () => verifyAuditChain(rows, {
        key: chainKey,
        chainId: stored?.chainId ?? chain.chainId,
        legacyThrough: stored?.legacyThrough ?? chain.legacyThrough,
        seal: stored?.seal ?? null,
        lastIssuedId: statements.lastIssued.get() ?? 0,
        head: parseHead(vault.read(headName)),
        vaultLocation: vault.location,
      }));
      const check = checkAuditAnchor(anchor, (auditId) => statements.hashById.get(auditId) ?? null);
      return { ...verdict, ok: verdict.ok && check.state !== 'disagrees', anchor: check };
    },
  };
}
