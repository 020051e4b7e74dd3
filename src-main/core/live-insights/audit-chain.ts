/**
 * The audit chain's arithmetic, without SQL or files (docs/decisions/0014-keyed-audit-chain.md):
 * how a row is hashed (a legacy SHA-256 prefix, then HMAC-SHA-256 under a key kept outside the
 * database), how a chain is walked and its first broken or missing record named, and how the
 * local chain compares with the head the feed keeps.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../../../src-shared/api/commands.js';
import type { AuditAnchorCheck, AuditHead, AuditProblem, AuditVerification } from '../../../src-shared/api/live-insights.js';

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

/** The chain's head as kept in the secret vault, outside the database, after every record. */
export interface StoredAuditHead extends AuditHead {
  readonly chainId: string;
  readonly legacyThrough: number;
  /** Records in the chain (ids run 1..count, so count equals auditId). */
  readonly count: number;
}

/** The canonical text a row's hash covers: every stored field but the hash, keys sorted. */
function hashedText(entry: Omit<AuditEntry, 'hash'>): string {
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
  return canonicalJson(fields);
}

/**
 * The hash rows written before the chain was keyed carry: sha256 over the previous hash and the
 * row's canonical JSON. Anyone can compute it, which is why it is accepted only for the sealed
 * legacy prefix.
 */
export function legacyAuditHash(previousHash: string, entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(previousHash).update(hashedText(entry)).digest('hex');
}

/** The hash of a keyed row: HMAC-SHA-256 under the chain key over the previous hash and the row. */
export function keyedAuditHash(key: string, previousHash: string, entry: Omit<AuditEntry, 'hash'>): string {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(previousHash).update(hashedText(entry)).digest('hex');
}

/** The seal over the legacy boundary: who knows the key fixed where plain SHA-256 ends. */
export function boundarySeal(key: string, chainId: string, legacyThrough: number): string {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(`audit-chain-boundary:${chainId}:${legacyThrough}`).digest('hex');
}

function sameHex(left: string, right: string): boolean {
  const a = Buffer.from(left, 'utf8');
  const b = Buffer.from(right, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface ChainFacts {
  /** The chain key from the vault. */
  readonly key: string;
  readonly chainId: string;
  readonly legacyThrough: number;
  /** The boundary's seal as stored in the database (null: never sealed). */
  readonly seal: string | null;
  /** The last id SQLite issued (sqlite_sequence), which survives deleting rows. */
  readonly lastIssuedId: number;
  /** The head kept in the vault, or null when it is missing there. */
  readonly head: StoredAuditHead | null;
  /** Where the vault is, for messages. */
  readonly vaultLocation: string;
}

export type ChainVerdict = Omit<AuditVerification, 'anchor'>;

function records(from: number, to: number): string {
  return from === to ? `Record ${from} is` : `Records ${from}–${to} are`;
}

/**
 * Walks the rows in id order and names the first thing wrong: ids run 1, 2, 3… with no hole (a
 * hole is named as the missing records and the last good one before them), each row's hash
 * matches its content and predecessor (plain SHA-256 up to the sealed legacy boundary, HMAC after),
 * nothing was issued after the last row present (sqlite_sequence and the vault's head both
 * remember), and the vault's head is in the chain as it was written.
 */
export function verifyAuditChain(entries: Iterable<AuditEntry>, facts: ChainFacts): ChainVerdict {
  const { key, legacyThrough } = facts;
  let previousHash = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  let headHashSeen: string | null = null;
  let last: AuditHead | null = null;
  const verdict = (problem: AuditProblem | null, firstBadAuditId: number | null, reason: string | null): ChainVerdict => ({
    ok: problem === null,
    checked,
    firstBadAuditId,
    lastGoodAuditId: problem === null ? null : Math.max(0, (firstBadAuditId ?? expectedId) - 1),
    problem,
    reason,
    legacyThrough,
    head: last,
  });

  if (facts.head && facts.head.legacyThrough !== legacyThrough) {
    return verdict('boundary-moved', legacyThrough + 1, `The legacy boundary was moved from record ${facts.head.legacyThrough} to ${legacyThrough}: plain-hash records would pass as legacy.`);
  }
  if (facts.seal === null || !sameHex(facts.seal, boundarySeal(key, facts.chainId, legacyThrough))) {
    return verdict(
      'key-missing',
      legacyThrough + 1,
      `The chain key in ${facts.vaultLocation} is not the one this chain was sealed with (it was deleted or replaced, or the boundary edited): records after ${legacyThrough} cannot be verified.`,
    );
  }

  for (const entry of entries) {
    if (entry.auditId > expectedId) {
      const after = expectedId - 1;
      return verdict('missing', expectedId, `${records(expectedId, entry.auditId - 1)} missing: the chain breaks ${after === 0 ? 'at its start' : `after record ${after}`}.`);
    }
    checked += 1;
    const expected = entry.auditId <= legacyThrough ? legacyAuditHash(previousHash, entry) : keyedAuditHash(key, previousHash, entry);
    if (entry.auditId !== expectedId || !sameHex(expected, entry.hash)) {
      const how = entry.auditId <= legacyThrough ? 'its legacy hash' : 'its keyed hash';
      return verdict('forged', entry.auditId, `Record ${entry.auditId} does not match ${how}: it was changed, inserted or written without the chain key.`);
    }
    if (facts.head && entry.auditId === facts.head.auditId) headHashSeen = entry.hash;
    previousHash = entry.hash;
    last = { auditId: entry.auditId, hash: entry.hash };
    expectedId += 1;
  }

  const highestWritten = Math.max(facts.lastIssuedId, facts.head?.auditId ?? 0);
  if (highestWritten >= expectedId) {
    if (expectedId === 1) return verdict('missing', 1, `All ${highestWritten} records are missing: the log was emptied.`);
    return verdict('missing', expectedId, `${records(expectedId, highestWritten)} missing: the log was cut after record ${expectedId - 1}.`);
  }
  if (facts.head === null) {
    return verdict('head-missing', null, `The chain's head kept outside the database (in ${facts.vaultLocation}) is missing: deleting the log's tail cannot be ruled out.`);
  }
  if (facts.head.auditId > 0 && (headHashSeen === null || !sameHex(headHashSeen, facts.head.hash))) {
    return verdict('forged', facts.head.auditId, `Record ${facts.head.auditId} differs from the head kept outside the database: the chain was rewritten from there on.`);
  }
  return verdict(null, null, null);
}

/**
 * Compares the head the feed keeps for this user with the local chain (`hashAt` reads one
 * record's hash, null when it is not there).
 */
export function checkAuditAnchor(anchor: AuditHead | null, hashAt: (auditId: number) => string | null): AuditAnchorCheck {
  if (anchor === null) return { state: 'unknown', reason: 'The feed keeps no audit head for this user (a v1 feed, or no audited command sent yet).' };
  if (anchor.auditId === 0) return { state: 'agrees', anchor };
  const local = hashAt(anchor.auditId);
  if (local === null) {
    return { state: 'disagrees', anchor, reason: `The feed holds record ${anchor.auditId}, which this log no longer has: it was rolled back or deleted.` };
  }
  if (!sameHex(local, anchor.hash)) {
    return { state: 'disagrees', anchor, reason: `Record ${anchor.auditId} here differs from the one the feed anchored: the log was rewritten.` };
  }
  return { state: 'agrees', anchor };
}
