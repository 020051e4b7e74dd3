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
interface Person {
  readonly userId: string;
  readonly name: string;
  readonly kind: 'agent' | 'supervisor';
  readonly role: Role | null;
  readonly queueScope: readonly string[] | null;
  readonly teamId: string;
  readonly teamName: string;
  readonly location: string;
  readonly queueIds: readonly string[];
  readonly slots: number;
  /** Name, team, location and id, lower case without accents, for the search. */
  readonly searchText: string;
  readonly nameKey: string;
  readonly teamKey: string;
  readonly locationKey: string;
  readonly queuesKey: string;
}

/** Lower case, accents and other combining marks removed: "Zoë Ærø" and "zoe aerø" meet. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
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

/** The users reader; keeps each person's keys for as long as their entry is unchanged. */
export function createUsersDirectory(): UsersDirectory {
  const fromEntry = new WeakMap<DirectoryEntry, Person>();
  const fromAgent = new WeakMap<AgentState, Person>();

  function people(live: LiveState): Person[] {
    const result: Person[] = [];
    for (const entry of live.directory.values()) {
      let person = fromEntry.get(entry);
      if (!person) {
        person = personOf(entry, entry.kind, entry.role, entry.queueScope, entry.userId);
        fromEntry.set(entry, person);
      }
      result.push(person);
    }
    // A v1 feed describes no directory: the agents it logged in are the people it knows.
    for (const agent of live.agents.values()) {
      if (live.directory.has(agent.agentId)) continue;
      let person = fromAgent.get(agent);
      if (!person || person.queueIds !== agent.queueIds || person.slots !== agent.slots || person.name !== agent.name) {
        person = personOf(agent, 'agent', null, null, agent.agentId);
        fromAgent.set(agent, person);
      }
      result.push(person);
    }
    return result;
  }

  /** Scoped sessions see the agents sharing a queue with them and the supervisors whose scope lies inside theirs. */
  function visible(access: Access, person: Person): boolean {
    if (access.queueScope === null) return true;
    if (person.kind === 'agent') return person.queueIds.some((queueId) => access.sees(queueId));
    return person.queueScope !== null && person.queueScope.every((queueId) => access.sees(queueId));
  }

  function comparator(query: UserQuery, live: LiveState): (a: Person, b: Person) => number {
    const sign = query.sort.direction === 'asc' ? 1 : -1;
    const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    const tie = (a: Person, b: Person): number => text(a.nameKey, b.nameKey) || text(a.userId, b.userId);
    const by = (key: (person: Person) => string | number) => (a: Person, b: Person) => {
      const left = key(a);
      const right = key(b);
      return sign * (left < right ? -1 : left > right ? 1 : 0) || tie(a, b);
    };
    switch (query.sort.key) {
      case 'name':
        return (a, b) => sign * tie(a, b);
      case 'team':
        return by((person) => person.teamKey);
      case 'location':
        return by((person) => person.locationKey);
      case 'role':
        return by((person) => person.role ?? '\uffff');
      case 'slots':
        return by((person) => person.slots);
      case 'queues':
        return by((person) => person.queuesKey);
      case 'status':
        return by((person) => STATUS_ORDER[statusOf(live.agents.get(person.userId)).status]);
      default: {
        const unknown: never = query.sort.key;
        throw new Error(`Unknown sort key ${String(unknown)}`);
      }
    }
  }

  return {
    page(access, live, query) {
      const { filter } = query;
      const search = filter.search === undefined ? '' : normalizeForSearch(filter.search.trim());
      const teams = new Map<string, string>();
      const matches: Person[] = [];
      for (const person of people(live)) {
        if (!visible(access, person)) continue;
        if (person.teamId !== '') teams.set(person.teamId, person.teamName);
        if (search !== '' && !person.searchText.includes(search)) continue;
        if (filter.queueId !== undefined && !person.queueIds.includes(filter.queueId)) continue;
        if (filter.teamId !== undefined && person.teamId !== filter.teamId) continue;
        if (filter.role !== undefined && (person.role ?? 'none') !== filter.role) continue;
        if (filter.status !== undefined && statusOf(live.agents.get(person.userId)).status !== filter.status) continue;
        matches.push(person);
      }
      matches.sort(comparator(query, live));
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
        teams: [...teams].map(([teamId, teamName]) => ({ teamId, teamName })).sort((a, b) => a.teamName.localeCompare(b.teamName) || (a.teamId < b.teamId ? -1 : 1)),
        awayReasons: live.awayReasons,
      };
    },
  };
}
