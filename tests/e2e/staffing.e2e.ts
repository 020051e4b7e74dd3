/**
 * The staffing advisor end to end, in Chromium against the real host and a simulator running at
 * forty times real speed (so the 15-minute arrival window fills in seconds): a voice queue whose
 * agents have all been taken away through Management says how many agents it needs and that it is
 * short of its target now; a what-if move from another voice queue shows both queues before and
 * after and, applied, puts the moved agents in the queue (its agent panel lists them, and the
 * advice counts them). A chat queue's slot what-if shows the queues its agents serve before and
 * after and, applied, changes each agent's slots on the floor.
 *
 * The stress is made, not hoped for: with no agent left, any arrival rate needs at least one, so
 * the advice is "short of the target now" whatever the simulated hour or the run's timing.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { SLOTS_RANGE } from '../../src-shared/api/staffing.js';
import type { QueueStaffingAdvice, StaffingCapacityWhatIf, StaffingWhatIf } from '../../src-shared/api/staffing.js';
import type { UserPage } from '../../src-shared/api/management.js';
import { busyAfternoon } from '../support/busy-floor.js';
import { connectApi, goTo, openConsole, type ApiConnection } from '../support/console-page.js';
import { connectToHost, waitForStatus } from '../support/populated-cache.js';
import type { QueueGroup } from '../../src-shared/api/live-insights.js';
import { type HostProcess } from '../support/host-process.js';
import { startSimAndHost } from '../support/sim-and-host.js';
import type { SimServer } from '../../src-main/sim/index.js';

const SPEED = 40;
const MOVE = 2;

let sim: SimServer | undefined;
let host: HostProcess | undefined;
let api: ApiConnection | undefined;

test.afterEach(async () => {
  api?.close();
  api = undefined;
  await host?.stop();
  host = undefined;
  await sim?.close();
  sim = undefined;
});

async function adviceOf(connection: ApiConnection, queueId?: string): Promise<readonly QueueStaffingAdvice[]> {
  const answer = await connection.request({ op: 'query', query: { type: 'staffing.advice', ...(queueId !== undefined ? { queueId } : {}) } });
  return answer.ok ? (answer.value as readonly QueueStaffingAdvice[]) : [];
}

/** Voice queues whose advice is known (a rate and a handle time), busiest first. */
function advisedVoiceQueues(advice: readonly QueueStaffingAdvice[]): QueueStaffingAdvice[] {
  return advice
    .filter((queue) => queue.channel === 'voice' && (queue.inputs.arrivalsPerHour15.value ?? 0) > 0 && queue.inputs.handleTimeS.value !== null)
    .sort((a, b) => (b.inputs.arrivalsPerHour15.value ?? 0) - (a.inputs.arrivalsPerHour15.value ?? 0));
}

test('a drained queue says how many agents it needs; a what-if move shows both queues and, applied, staffs it', async ({ page }) => {
  test.setTimeout(180_000);
  ({ sim, host } = await startSimAndHost({ sim: { port: 0, seed: 7, tokenSeed: 'e2e-staffing', speed: SPEED, heartbeatIntervalMs: 250, floor: { arrivalScale: 2, startTime: busyAfternoon() } }, userId: 'wfm-leader' }));
  await openConsole(page, host);
  // After the console is live: the host closes API sockets opened before the feed named the user.
  api = await connectApi(host);
  const connection = api;

  // Wait until two voice queues have advice: the target, and a source with agents to spare.
  await expect
    .poll(
      async () => {
        const voice = advisedVoiceQueues(await adviceOf(connection));
        return voice.length >= 2 && voice.slice(1).some((queue) => queue.agentsAvailable > MOVE);
      },
      { timeout: 90_000, message: 'two voice queues with known advice, one with agents to spare' },
    )
    .toBe(true);
  const [target, ...others] = advisedVoiceQueues(await adviceOf(connection));
  const source = others.filter((queue) => queue.agentsAvailable > MOVE).sort((a, b) => b.agentsAvailable - a.agentsAvailable)[0];
  if (target === undefined || source === undefined) throw new Error('a target and a source queue expected');

  // Drain the target through Management: every member leaves it (their other queues stay).
  const members = await connection.request({ op: 'query', query: { type: 'management.users', filter: { queueId: target.queueId }, limit: 500 } });
  expect(members.ok, members.error).toBe(true);
  for (const row of (members.value as UserPage).rows) {
    if (row.kind !== 'agent') continue;
    const queueIds = row.queueIds.filter((queueId) => queueId !== target.queueId);
    const answer = await connection.request({ op: 'command', commandId: `e2e-drain-${row.userId}`, command: { type: 'agent.queues', agentId: row.userId, queueIds } });
    expect(answer.ok, answer.error).toBe(true);
  }
  await expect.poll(async () => (await adviceOf(connection, target.queueId))[0]?.agentsLoggedIn, { message: 'the target has no agent left' }).toBe(0);

  // The advisor on the stressed queue: agents needed, and the time to breach (now).
  await goTo(page, `#/queue/${target.queueId}/staffing`);
  const tab = page.getByTestId('staffing-tab');
  await expect(tab.getByTestId('staffing-sentence')).toHaveText(/^Needs \d+ agents? now, has 0 available; service level \d+ % predicted; short of the target now\.$/);
  await expect(tab.getByTestId('staffing-required')).toContainText('Agents');
  await expect(tab.getByTestId('staffing-current')).toContainText('Service level0 %');
  await expect(tab.getByTestId('staffing-inputs')).toContainText('an hour');
  // No history was asked for: the forecast says there is no same weekday, and draws today's curve only.
  const forecast = tab.getByTestId('staffing-forecast');
  await expect(forecast.getByTestId('staffing-forecast-basis')).toHaveText(/^No earlier (Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day in the cache to forecast from\.$/);
  await expect(forecast.getByTestId('staffing-forecast-chart')).toBeVisible();
  await expect(forecast.getByTestId('staffing-forecast-table')).toHaveCount(0);

  // What-if: from the source queue, two agents (Enter submits); both queues before and after.
  const whatIf = tab.getByTestId('staffing-what-if');
  await whatIf.getByTestId('staffing-what-if-from').selectOption(source.queueId);
  await whatIf.getByTestId('staffing-what-if-agents').fill(String(MOVE));
  await whatIf.getByTestId('staffing-what-if-agents').press('Enter');
  const result = whatIf.getByTestId('staffing-what-if-result');
  await expect(result.getByTestId('staffing-what-if-moves')).toHaveText(/^Moves .+, .+\.$/);
  const availableIn = async (row: string): Promise<number> => Number(await result.getByTestId(`staffing-what-if-${row}`).locator('td').first().innerText());
  expect(await availableIn('to-before')).toBe(0);
  expect(await availableIn('to-after')).toBe(MOVE);
  expect(await availableIn('from-before')).toBeGreaterThan(MOVE);
  expect(await availableIn('from-after')).toBe((await availableIn('from-before')) - MOVE);
  await expect(result.getByTestId('staffing-what-if-to-before')).toContainText(target.name);
  await expect(result.getByTestId('staffing-what-if-from-after')).toContainText(source.name);

  // The tab with its preview breaks no accessibility rule.
  const axe = await new AxeBuilder({ page }).include('[data-testid="staffing-tab"]').analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);

  // The same preview from the core names the agents the Apply will move.
  const preview = await connection.request({ op: 'query', query: { type: 'staffing.whatIf', fromQueueId: source.queueId, toQueueId: target.queueId, agents: MOVE } });
  expect(preview.ok, preview.error).toBe(true);
  expect((preview.value as StaffingWhatIf).moves).toHaveLength(MOVE);

  // Apply: confirm, each move acked.
  await result.getByTestId('staffing-apply').click();
  const confirm = page.getByTestId('staffing-apply-confirm');
  await expect(confirm).toBeVisible();
  await confirm.getByTestId('staffing-apply-confirm-confirm').click();
  const results = result.getByTestId('staffing-apply-results');
  await expect(results).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(results.getByRole('status')).toHaveText(`Done: ${MOVE} of ${MOVE} moved.`);
  const moved = await results.getByTestId('staffing-apply-result').evaluateAll((items) => items.map((item) => item.getAttribute('data-agent-id') ?? ''));
  expect(moved).toHaveLength(MOVE);

  // The floor changed: the advice counts the agents, and the queue's agent panel lists them.
  await expect.poll(async () => (await adviceOf(connection, target.queueId))[0]?.agentsLoggedIn ?? 0, { message: 'the moved agents staff the target' }).toBeGreaterThan(0);
  await expect(tab.getByTestId('staffing-advice')).toContainText(/[1-9]\d* logged in/);
  await goTo(page, `#/queue/${target.queueId}/performance`);
  const panel = page.getByTestId('agent-panel');
  for (const agentId of moved) await expect(panel.locator(`[data-testid="agent-row"][data-agent-id="${agentId}"]`)).toBeVisible();
});

test('a chat queue’s slot what-if shows every queue its agents serve and, applied, changes their slots on the floor', async ({ page }) => {
  test.setTimeout(180_000);
  ({ sim, host } = await startSimAndHost({ sim: { port: 0, seed: 11, tokenSeed: 'e2e-capacity', speed: SPEED, heartbeatIntervalMs: 250, floor: { arrivalScale: 2, startTime: busyAfternoon() } }, userId: 'wfm-leader' }));
  await openConsole(page, host);
  api = await connectApi(host);
  const connection = api;

  // A chat queue with known advice and agents logged in, below the highest limit.
  const chatQueue = async (): Promise<QueueStaffingAdvice | undefined> =>
    (await adviceOf(connection))
      .filter((queue) => queue.channel === 'chat' && queue.current.value !== null && queue.agentsLoggedIn > 0 && queue.inputs.slotsPerAgent < SLOTS_RANGE.max)
      .sort((a, b) => (b.inputs.arrivalsPerHour15.value ?? 0) - (a.inputs.arrivalsPerHour15.value ?? 0))[0];
  await expect.poll(async () => (await chatQueue()) !== undefined, { timeout: 90_000, message: 'a chat queue with known advice' }).toBe(true);
  const target = await chatQueue();
  if (target === undefined) throw new Error('a chat queue expected');
  const slots = target.inputs.slotsPerAgent + 1;

  await goTo(page, `#/queue/${target.queueId}/staffing`);
  const panel = page.getByTestId('staffing-tab').getByTestId('staffing-capacity');
  // Out of range: said at once, nothing asked.
  await panel.getByTestId('staffing-capacity-slots').fill('40');
  await expect(panel.getByTestId('staffing-capacity-hint')).toHaveText('Enter a whole number from 1 to 32.');
  await expect(panel.getByTestId('staffing-capacity-preview')).toBeDisabled();
  // From the keyboard: type the limit, Enter previews.
  await panel.getByTestId('staffing-capacity-slots').fill(String(slots));
  await panel.getByTestId('staffing-capacity-slots').press('Enter');
  const result = panel.getByTestId('staffing-capacity-result');
  await expect(result.getByTestId('staffing-capacity-changes')).toHaveText(new RegExp(`^Sets \\d+ agents? to ${slots} at once: `));
  const before = result.getByTestId(`staffing-capacity-${target.queueId}-before`);
  const after = result.getByTestId(`staffing-capacity-${target.queueId}-after`);
  await expect(before.locator('th')).toHaveText(`${target.name}, now`);
  await expect(after.locator('td').nth(1)).toHaveText(String(slots));
  // More slots on the same agents never lower the predicted service level.
  const levelIn = async (row: typeof before): Promise<number> => Number((await row.locator('td').nth(3).innerText()).replace(/[^\d]/g, ''));
  expect(await levelIn(after)).toBeGreaterThanOrEqual(await levelIn(before));

  const axe = await new AxeBuilder({ page }).include('[data-testid="staffing-tab"]').analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);

  // The same preview from the core names the agents Apply changes.
  const preview = await connection.request({ op: 'query', query: { type: 'staffing.capacityWhatIf', queueId: target.queueId, slots } });
  expect(preview.ok, preview.error).toBe(true);
  const changes = (preview.value as StaffingCapacityWhatIf).changes;
  expect(changes.length).toBeGreaterThan(0);

  // Apply: confirm, each agent.capacity acked.
  await result.getByTestId('staffing-capacity-apply').click();
  const confirm = page.getByTestId('staffing-capacity-confirm');
  await expect(confirm).toBeVisible();
  await confirm.getByTestId('staffing-capacity-confirm-confirm').click();
  const results = result.getByTestId('staffing-capacity-results');
  await expect(results).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const changed = await results.getByTestId('staffing-capacity-result-item').evaluateAll((items) => items.map((item) => ({ agentId: item.getAttribute('data-agent-id') ?? '', outcome: item.getAttribute('data-outcome') })));
  expect(changed.filter((item) => item.outcome === 'acked').length).toBeGreaterThan(0);
  await expect(results.getByRole('status')).toHaveText(/^Done: [1-9]\d* of [1-9]\d* changed\.$/);

  // The floor changed: the queue's advice counts the new limit, and the agent panel shows it.
  await expect.poll(async () => (await adviceOf(connection, target.queueId))[0]?.inputs.slotsPerAgent, { message: 'the advice counts the new limit' }).toBe(slots);
  await goTo(page, `#/queue/${target.queueId}/performance`);
  const agents = page.getByTestId('agent-panel');
  const acked = changed.filter((item) => item.outcome === 'acked').map((item) => item.agentId);
  for (const agentId of acked.slice(0, 3)) await expect(agents.locator(`[data-testid="agent-row"][data-agent-id="${agentId}"]`)).toContainText(`/ ${slots} slots`);
});

test('with last week in the cache, a queue and a group forecast the rest of the day and the agents per interval', async ({ page }) => {
  test.setTimeout(240_000);
  // Ten days of a quiet floor: the floor's day may be yesterday (busyAfternoon), so ten days back from
  // now still hold the same weekday a week before it from before its midnight, at any hour.
  ({ sim, host } = await startSimAndHost({ sim: { port: 0, seed: 7, tokenSeed: 'e2e-forecast', historyDays: 10, heartbeatIntervalMs: 250, floor: { agents: 12, arrivalScale: 0.15, startTime: busyAfternoon() } }, userId: 'wfm-leader', hostArgs: ['--backfill-days', '10'] }));
  const client = connectToHost(host);
  try {
    await waitForStatus(client, (status) => status.backfill.state === 'done', 180_000, 'the backfill to finish');
  } finally {
    client.close();
  }
  await openConsole(page, host);
  api = await connectApi(host);
  const advice = await adviceOf(api);
  const [busiest] = [...advice].sort((a, b) => (b.inputs.arrivalsPerHour15.value ?? 0) - (a.inputs.arrivalsPerHour15.value ?? 0));
  if (busiest === undefined) throw new Error('a queue expected');

  await goTo(page, `#/queue/${busiest.queueId}/staffing`);
  const forecast = page.getByTestId('staffing-forecast');
  await expect(forecast.getByTestId('staffing-forecast-basis')).toHaveText(/^Forecast from the average of last (Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day \(\d{4}-\d{2}-\d{2}\), scaled to \d+ %/);
  await expect(forecast.getByTestId('staffing-forecast-chart')).toBeVisible();
  const first = forecast.getByTestId('staffing-forecast-row').first();
  await expect(first.locator('th')).toHaveText(/^\d{2}:\d{2}$/);
  await expect(first.locator('td').nth(2)).toHaveText(/^(\d+|unknown)$/);
  await expect(forecast.getByTestId('staffing-forecast-outlook')).toHaveText(/^Rest of the day: about \d+ arrivals; /);

  // A group: its queues pooled, with its own forecast.
  const groups = await api.request({ op: 'query', query: { type: 'live.groups' } });
  const [group] = (groups.value as readonly QueueGroup[] | undefined) ?? [];
  if (group === undefined) throw new Error('the simulator has no queue group');
  await goTo(page, `#/group/${group.groupId}/staffing`);
  const tab = page.locator(`[data-testid="staffing-tab"][data-group-id="${group.groupId}"]`);
  await expect(tab.getByTestId('staffing-advice')).toContainText('one pooled queue');
  await expect(tab.getByTestId('staffing-forecast-basis')).toHaveText(/^Forecast from the average of last /);
  const axe = await new AxeBuilder({ page }).include('[data-testid="staffing-tab"]').analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
});
