/** The simulated contact-center floor: the model, the history generator and the feed server. */
export { createFloor } from './floor.js';
export type { AgentInfo, CommandOutcome, Floor, FloorOptions, QueueInfo, SnapshotOptions } from './floor.js';
export { generateHistory, historySeq, HISTORY_DAY_STRIDE } from './history.js';
export type { HistoryOptions } from './history.js';
export { startSimServer } from './server.js';
export type { SimServer, SimServerOptions } from './server.js';
export { DEFAULT_DEMO_USER_ID, DEMO_USERS, demoUser, demoUserToken, randomTokenSeed } from './demo-users.js';
