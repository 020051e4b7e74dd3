/**
 * Role × scope × every contract operation, through a real socket: each query, subscription and
 * command is allowed or refused exactly as docs/product.md §1's permission table says, for console
 * sessions of every role (unscoped and limited to one queue) and for device sessions (made by an
 * unscoped and by a scoped user). The operations come from the contract's capability maps, so a new
 * one cannot be missed; the table comes from the document, and must equal the code's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../src-main/core/api/session.js';
import { COMMAND_CAPABILITY, QUERY_CAPABILITY, TOPIC_CAPABILITY, type CommandType, type QueryType, type Topic } from '../../../src-shared/api/contract.js';
import { CAPABILITIES, PERMISSIONS, ROLES, WHOLE_FLOOR_CAPABILITIES, type Capability, type Role } from '../../../src-shared/permissions.js';
import { ROOT } from '../../support/host-process.js';
import { COMMANDS, QUERIES, TOPICS } from './contract-samples.js';
import { createDevice, lanOn, expectClient, openApi, startSecuredCore, UNREACHABLE_FEED, type ApiClient, type SecuredCore } from './security-kit.js';

interface DocumentedCapability {
  readonly roles: ReadonlySet<Role>;
  /** Whether a session limited to some queues keeps it. */
  readonly scoped: boolean;
}

const ROLE_COLUMNS: readonly Role[] = ['wfm_leader', 'business_stakeholder', 'admin', 'wallboard'];

/** docs/product.md §1's permission table: `| \`capability\` | what | leader | stakeholder | admin | wallboard | scoped |`. */
function documentedTable(): ReadonlyMap<Capability, DocumentedCapability> {
  const table = new Map<Capability, DocumentedCapability>();
  for (const line of readFileSync(join(ROOT, 'docs/product.md'), 'utf8').split('\n')) {
    const match = /^\| `([a-z_.]+)` \|/u.exec(line);
    if (!match) continue;
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    const flags = cells.slice(2).map((cell) => cell === 'yes');
    table.set(match[1] as Capability, { roles: new Set(ROLE_COLUMNS.filter((_role, index) => flags[index])), scoped: flags[4] === true });
  }
  return table;
}

const DOCUMENTED = documentedTable();

function documentedAllows(role: Role, scoped: boolean, capability: Capability | null): boolean {
  if (capability === null) return true;
  const row = DOCUMENTED.get(capability);
  if (!row) throw new Error(`docs/product.md has no row for ${capability}`);
  return row.roles.has(role) && (!scoped || row.scoped);
}

const PERMISSION_REFUSAL = /^(Your role \([a-z_]+\) may not |Limited to some queues, you may not )/u;

interface Cell {
  readonly name: string;
  readonly role: Role;
  readonly scoped: boolean;
  client: ApiClient;
}

let secured: SecuredCore;
const cells: Cell[] = [];
const SCOPE = ['q-orders'];

beforeAll(async () => {
  secured = await startSecuredCore(UNREACHABLE_FEED);
  for (const role of ROLES) {
    for (const scoped of [false, true]) {
      const session: Session = { userId: `${role}-${scoped ? 'scoped' : 'all'}`, displayName: role, role, queueScope: scoped ? SCOPE : null };
      cells.push({ name: `console ${role}${scoped ? ' scoped' : ''}`, role, scoped, client: await secured.consoleAs(session) });
    }
  }
  // Devices made by an unscoped and by a scoped leader (a link needs LAN serving on), opened on the console's port.
  await lanOn(cells[0]!.client);
  for (const scoped of [false, true]) {
    const creator = await secured.consoleAs({ userId: `maker-${scoped}`, displayName: 'Maker', role: 'wfm_leader', queueScope: scoped ? SCOPE : null });
    const device = await createDevice(creator, `tv-${scoped}`);
    const host = await secured.hostAs({ userId: 'nobody', displayName: 'Nobody', role: 'wallboard', queueScope: [] });
    cells.push({ name: `device${scoped ? ' of a scoped user' : ''}`, role: 'wallboard', scoped, client: expectClient(await openApi(host.port, { token: device.token })) });
  }
}, 60_000);

afterAll(async () => {
  for (const cell of cells) cell.client.close();
  await secured?.close();
});

describe('the permission table', () => {
  it('in docs/product.md is the one in src-shared/permissions.ts', () => {
    expect([...DOCUMENTED.keys()].sort()).toEqual([...CAPABILITIES].sort());
    for (const capability of CAPABILITIES) {
      const row = DOCUMENTED.get(capability)!;
      for (const role of ROLES) expect(row.roles.has(role), `${capability} for ${role}`).toBe(PERMISSIONS[role].includes(capability));
      expect(row.scoped, `${capability} for a scoped session`).toBe(!WHOLE_FLOOR_CAPABILITIES.includes(capability));
    }
  });

  it('has a sample request for every operation the contract names', () => {
    expect(Object.keys(QUERIES).sort()).toEqual(Object.keys(QUERY_CAPABILITY).sort());
    expect(Object.keys(TOPICS).sort()).toEqual(Object.keys(TOPIC_CAPABILITY).sort());
    expect(Object.keys(COMMANDS).sort()).toEqual(Object.keys(COMMAND_CAPABILITY).sort());
  });
});

/** Whether the core answered with a permission refusal (as opposed to an answer or a refusal of the request itself). */
function outcome(result: { ok: boolean; error?: string }): 'allowed' | 'refused' {
  return !result.ok && PERMISSION_REFUSAL.test(result.error ?? '') ? 'refused' : 'allowed';
}

describe('every operation, for every role and scope, through a real socket', () => {
  it.each(Object.keys(QUERY_CAPABILITY) as QueryType[])('query %s', async (type) => {
    for (const cell of cells) {
      const result = await cell.client.request({ op: 'query', query: QUERIES[type] });
      const expected = documentedAllows(cell.role, cell.scoped, QUERY_CAPABILITY[type]) ? 'allowed' : 'refused';
      expect(outcome(result), `${cell.name}: ${JSON.stringify(result).slice(0, 200)}`).toBe(expected);
    }
  });

  it.each(Object.keys(TOPIC_CAPABILITY) as Topic[])('topic %s', async (topic) => {
    for (const cell of cells) {
      const result = await cell.client.request({ op: 'subscribe', subscription: TOPICS[topic] });
      const expected = documentedAllows(cell.role, cell.scoped, TOPIC_CAPABILITY[topic]) ? 'allowed' : 'refused';
      expect(outcome(result), `${cell.name}: ${JSON.stringify(result).slice(0, 200)}`).toBe(expected);
      if (result.ok) await cell.client.request({ op: 'unsubscribe', subscriptionId: (result.value as { subscriptionId: string }).subscriptionId });
    }
  });

  it.each(Object.keys(COMMAND_CAPABILITY) as CommandType[])('command %s', async (type) => {
    for (const cell of cells) {
      const result = await cell.client.request({ op: 'command', commandId: `${cell.name}-${type}`, command: COMMANDS[type] });
      const expected = documentedAllows(cell.role, cell.scoped, COMMAND_CAPABILITY[type]) ? 'allowed' : 'refused';
      expect(outcome(result), `${cell.name}: ${JSON.stringify(result).slice(0, 200)}`).toBe(expected);
    }
  });

  it('session.info reports exactly the capabilities the table gives each cell', async () => {
    for (const cell of cells) {
      const info = await cell.client.request({ op: 'query', query: { type: 'session.info' } });
      const expected = CAPABILITIES.filter((capability) => documentedAllows(cell.role, cell.scoped, capability));
      expect([...(info.ok ? (info.value as { capabilities: Capability[] }).capabilities : [])].sort(), cell.name).toEqual([...expected].sort());
    }
  });
});
