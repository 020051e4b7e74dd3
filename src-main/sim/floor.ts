/**
 * The simulated contact-center floor: a deterministic discrete-event model with no I/O.
 *
 * Customers arrive per queue (a Poisson process whose rate follows the queue's local day), talk to
 * a bot, wait, are routed to the least-busy available agent, exchange messages, and leave with a
 * disposition and sometimes a survey; agents take breaks. Everything is driven by one seeded
 * generator and a time-ordered agenda, so the same seed and the same calls give the same events.
 *
 * This file is the model's entry; its parts live in ./floor/ (see docs/simulator.md for the map).
 */
import { createFloorModel } from './floor/model.js';
import type { Floor, FloorOptions } from './floor/types.js';

export { createFloorModel } from './floor/model.js';
export type {
  AgentInfo,
  CommandOutcome,
  CompletedConversation,
  Floor,
  FloorModel,
  FloorModelInternals,
  FloorOptions,
  PersonInfo,
  QueueInfo,
  SnapshotOptions,
} from './floor/types.js';

/** Creates a floor. Same options, same calls → same events. */
export function createFloor(options: FloorOptions): Floor {
  return createFloorModel(options, {});
}
