/**
 * The users view's reads (`management.users`): everyone the feed knows, filtered, sorted and cut
 * to a window, within the session's scope.
 *
 * Built for 10,000 people answering in a few ms: each person's normalised search text and sort
 * keys are computed once per version of their entry (a WeakMap keyed by the immutable entry the
 * reducer replaces on change), never per query; a query is one pass over the rows plus a sort of
 * the matches on precomputed keys.
 */
import type { UserFilter, UserPage, UserRow, UserSortKey, UserStatus } from '../../../src-shared/api/management.js';
import type { Role } from '../../../src-shared/permissions.js';
import type { Access } from '../api/session.js';
import type { AgentState, DirectoryEntry, LiveState } from '../floor-state/state.js';

export interface UserQuery {
  readonly filter: UserFilter;
  readonly sort: { readonly key: UserSortKey; readonly direction: 'asc' | 'desc' };
  readonly offset: number;
  readonly limit: number;
}

/** One person's fixed facts and their precomputed keys. */
interface Person extends DirectoryEntry {
  /** Name, team, location and id, lower case without accents, for the search. */
  readonly searchText: string;
  readonly nameKey: string;
  readonly teamKey: string;
  readonly locationKey: string;
  readonly queuesKey: string;
}

/** Letters that carry their accent in themselves (no combining mark to remove), as people type them without. */
const FOLDED: Readonly<Record<string, string>> = { æ: 'ae', ø: 'o', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i' };

/** Lower case, accents and other combining marks removed: "Zoë Ærø" and "zoe aero" meet. */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[æøœßđðłþı]/gu, (letter) => FOLDED[letter] ?? letter);
}

function personOf(source: DirectoryEntry | AgentState, kind: 'agent' | 'supervisor', role: Role | null, queueScope: readonly string[] | null, userId: string): Person {
  const nameKey = normalizeForSearch(source.name);
  const teamKey = normalizeForSearch(source.teamName);
  const locationKey = normalizeForSearch(source.location);
  return {
    userId,
    name: source.name,
    kind,
    role,
    queueScope,
    teamId: source.teamId,
    teamName: source.teamName,
    location: source.location,
    queueIds: source.queueIds,
    slots: source.slots,
    searchText: `${nameKey}\u0000${teamKey}\u0000${locationKey}\u0000${normalizeForSearch(userId)}`,
    nameKey,
    teamKey,
    locationKey,
    queuesKey: `${String(source.queueIds.length).padStart(4, '0')}\u0000${[...source.queueIds].sort().join('\u0000')}`,
  };
}

function statusOf(agent: AgentState | undefined): { status: UserStatus; reason: string; since: number | null } {
  if (agent === undefined) return { status: 'offline', reason: '', since: null };
  const kind = agent.status.kind;
  if (!agent.loggedIn || kind === 'offline') return { status: 'offline', reason: agent.status.reason, since: agent.status.since };
  if (kind === 'away') return { status: 'away', reason: agent.status.reason, since: agent.status.since };
  return { status: agent.conversationIds.length > 0 ? 'busy' : 'available', reason: agent.status.reason, since: agent.status.since };
}

const STATUS_ORDER: Readonly<Record<UserStatus, number>> = { available: 0, busy: 1, away: 2, offline: 3 };

export interface UsersDirectory {
  page(access: Access, live: LiveState, query: UserQuery): UserPage;
}

/** Everyone at one version of the directory, and their orders by column, each sorted once. */
interface Roster {
  readonly directory: ReadonlyMap<string, DirectoryEntry>;
  readonly extra: readonly Person[];
  readonly all: readonly Person[];
  readonly sorted: Map<string, readonly Person[]>;
}

function text(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byName = (a: Person, b: Person): number => text(a.nameKey, b.nameKey) || text(a.userId, b.userId);

/** The column's key; status is the floor's and changes all the time, so it is never presorted. */
function columnKey(key: Exclude<UserSortKey, 'status'>): (person: Person) => string | number {
  switch (key) {
    case 'name':
      return (person) => person.nameKey;
    case 'team':
      return (person) => person.teamKey;
    case 'location':
      return (person) => person.locationKey;
    case 'role':
      return (person) => person.role ?? '\uffff';
    case 'slots':
      return (person) => person.slots;
    case 'queues':
      return (person) => person.queuesKey;
    default: {
      const unknown: never = key;
      throw new Error(`Unknown sort key ${String(unknown)}`);
    }
  }
}

/**
 * The users reader. Each person's keys are computed once per version of their entry; the whole
 * list's order by a column is sorted once per version of the directory; a query is then one pass
 * over that order (status: four buckets over the name order), so typing a filter costs a scan.
 */
export function createUsersDirectory(): UsersDirectory {
  const fromEntry = new WeakMap<DirectoryEntry, Person>();
  /** Agents without a profile (v1 feed), by id: kept while their facts are unchanged, whatever their status does. */
  let fromAgent = new Map<string, Person>();
  let roster: Roster | null = null;

  function profileless(live: LiveState): Person[] {
    const result: Person[] = [];
    const next = new Map<string, Person>();
    for (const agent of live.agents.values()) {
      if (live.directory.has(agent.agentId)) continue;
      let person = fromAgent.get(agent.agentId);
      const same =
        person !== undefined &&
        person.queueIds === agent.queueIds &&
        person.slots === agent.slots &&
        person.name === agent.name &&
        person.teamId === agent.teamId &&
        person.teamName === agent.teamName &&
        person.location === agent.location;
      if (!same) person = personOf(agent, 'agent', null, null, agent.agentId);
      if (person === undefined) continue;
      next.set(agent.agentId, person);
      result.push(person);
    }
    fromAgent = next;
    return result;
  }

  function rosterOf(live: LiveState): Roster {
    // A v1 feed describes no directory: the agents it logged in are the people it knows.
    const extra = profileless(live);
    if (roster !== null && roster.directory === live.directory && roster.extra.length === extra.length && roster.extra.every((person, index) => person === extra[index])) {
      return roster;
    }
    const all: Person[] = [];
    for (const entry of live.directory.values()) {
      let person = fromEntry.get(entry);
      if (!person) {
        person = personOf(entry, entry.kind, entry.role, entry.queueScope, entry.userId);
        fromEntry.set(entry, person);
      }
      all.push(person);
    }
    all.push(...extra);
    roster = { directory: live.directory, extra, all, sorted: new Map() };
    return roster;
  }

  function ordered(current: Roster, key: Exclude<UserSortKey, 'status'>, direction: 'asc' | 'desc'): readonly Person[] {
    const cacheKey = `${key}:${direction}`;
    let order = current.sorted.get(cacheKey);
    if (!order) {
      const sign = direction === 'asc' ? 1 : -1;
      const value = columnKey(key);
      order = [...current.all].sort((a, b) => {
        const left = value(a);
        const right = value(b);
        return sign * (left < right ? -1 : left > right ? 1 : 0) || byName(a, b);
      });
      current.sorted.set(cacheKey, order);
    }
    return order;
  }

  /** Scoped sessions see the agents sharing a queue with them and the supervisors whose scope lies inside theirs. */
  function visible(access: Access, person: Person): boolean {
    if (access.queueScope === null) return true;
    if (person.kind === 'agent') return person.queueIds.some((queueId) => access.sees(queueId));
    return person.queueScope !== null && person.queueScope.every((queueId) => access.sees(queueId));
  }

  return {
    page(access, live, query) {
      const { filter } = query;
      const search = filter.search === undefined ? '' : normalizeForSearch(filter.search.trim());
      const current = rosterOf(live);
      const bySort = query.sort.key === 'status' ? ordered(current, 'name', 'asc') : ordered(current, query.sort.key, query.sort.direction);
      const teams = new Map<string, string>();
      const statuses = query.sort.key === 'status' || filter.status !== undefined;
      const buckets: Person[][] = [[], [], [], []];
      const matches: Person[] = [];
      for (const person of bySort) {
        if (!visible(access, person)) continue;
        if (person.teamId !== '') teams.set(person.teamId, person.teamName);
        if (search !== '' && !person.searchText.includes(search)) continue;
        if (filter.queueId !== undefined && !person.queueIds.includes(filter.queueId)) continue;
        if (filter.teamId !== undefined && person.teamId !== filter.teamId) continue;
        if (filter.role !== undefined && (person.role ?? 'none') !== filter.role) continue;
        const status = statuses ? statusOf(live.agents.get(person.userId)).status : null;
        if (filter.status !== undefined && status !== filter.status) continue;
        if (query.sort.key === 'status' && status !== null) buckets[STATUS_ORDER[status]]?.push(person);
        else matches.push(person);
      }
      if (query.sort.key === 'status') {
        const order = query.sort.direction === 'asc' ? buckets : [...buckets].reverse();
        for (const bucket of order) matches.push(...bucket);
      }
      const rows: UserRow[] = matches.slice(query.offset, query.offset + query.limit).map((person) => {
        const { status, reason, since } = statusOf(live.agents.get(person.userId));
        return {
          userId: person.userId,
          name: person.name,
          kind: person.kind,
          role: person.role,
          queueScope: person.queueScope,
          teamId: person.teamId,
          teamName: person.teamName,
          location: person.location,
          queueIds: person.queueIds,
          slots: person.slots,
          status,
          statusReason: reason,
          statusSince: since,
        };
      });
      return {
        total: matches.length,
        offset: query.offset,
        rows,
        asOfSeq: live.lastSeq,
        teams: [...teams].map(([teamId, teamName]) => ({ teamId, teamName })).sort((a, b) => a.teamName.localeCompare(b.teamName) || text(a.teamId, b.teamId)),
        awayReasons: live.awayReasons,
      };
    },
  };
}
