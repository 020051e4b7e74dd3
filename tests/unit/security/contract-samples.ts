/**
 * One well-formed request for every query, topic and command the contract names. The tables are
 * keyed by the contract's own types, so a new operation does not compile here until it has a
 * sample, and the permission matrix then checks it for every role and scope.
 */
import type { CommandInput, CommandType, QueryInput, QueryType, SubscriptionInput, Topic } from '../../../src-shared/api/contract.js';
import { BOARD_SCHEMA_NAME, type Board } from '../../../src-shared/wallboard/board.js';

const search = { filters: {} };
const board: Board = { schema: BOARD_SCHEMA_NAME, version: 1, boardId: 'evil', name: 'Evil', theme: 'dark', columns: 12, rows: 8, tiles: [] };

export const QUERIES = {
  'session.info': { type: 'session.info' },
  'queues.list': { type: 'queues.list' },
  'feed.rejects': { type: 'feed.rejects', limit: 10 },
  'conversations.recent': { type: 'conversations.recent', limit: 10 },
  'commands.outcome': { type: 'commands.outcome', commandId: 'someone-elses' },
  'live.groups': { type: 'live.groups' },
  'live.layout': { type: 'live.layout' },
  'live.thresholds': { type: 'live.thresholds', queueId: 'q1' },
  'audit.list': { type: 'audit.list', limit: 10 },
  'audit.verify': { type: 'audit.verify' },
  'live.explain': { type: 'live.explain', target: { kind: 'queue', queueId: 'q1' }, metricId: 'serviceLevelPct' },
  'history.search': { type: 'history.search', search },
  'history.transcript': { type: 'history.transcript', conversationId: 'c1' },
  'history.filterOptions': { type: 'history.filterOptions' },
  'history.savedSearches': { type: 'history.savedSearches' },
  'history.cacheInfo': { type: 'history.cacheInfo' },
  'history.export.chunk': { type: 'history.export.chunk', exportId: 'x1', offset: 0 },
  'wallboard.setup': { type: 'wallboard.setup' },
  'wallboard.devices': { type: 'wallboard.devices' },
  'wallboard.lan': { type: 'wallboard.lan' },
  'management.queues': { type: 'management.queues' },
  'management.users': { type: 'management.users', filter: { search: 'a' } },
  'staffing.advice': { type: 'staffing.advice', queueId: 'q1' },
  'staffing.whatIf': { type: 'staffing.whatIf', fromQueueId: 'q2', toQueueId: 'q1', agents: 1 },
  'staffing.forecast': { type: 'staffing.forecast', target: { kind: 'queue', queueId: 'q1' } },
  'staffing.groupAdvice': { type: 'staffing.groupAdvice', groupId: 'g1' },
  'alerts.list': { type: 'alerts.list', state: 'open' },
  'alerts.preferences': { type: 'alerts.preferences' },
  'alerts.escalationTargets': { type: 'alerts.escalationTargets', alertId: 'threshold:q1:longestWaitSec@1' },
  'console.diagnostics': { type: 'console.diagnostics' },
  'connection.list': { type: 'connection.list' },
} satisfies { readonly [T in QueryType]: Extract<QueryInput, { type: T }> };

export const TOPICS = {
  overview: { topic: 'overview' },
  status: { topic: 'status' },
  'live.conversations': { topic: 'live.conversations', target: { kind: 'queue', queueId: 'q1' } },
  'live.transcript': { topic: 'live.transcript', conversationId: 'c1' },
  'live.performance': { topic: 'live.performance', target: { kind: 'queue', queueId: 'q1' }, period: 'today' },
  'history.export': { topic: 'history.export', exportId: 'x1' },
  'wallboard.live': { topic: 'wallboard.live' },
  alerts: { topic: 'alerts' },
} satisfies { readonly [T in Topic]: Extract<SubscriptionInput, { topic: T }> };

export const COMMANDS = {
  'layout.save': { type: 'layout.save', hiddenQueueIds: [] },
  'group.save': { type: 'group.save', name: 'G', queueIds: ['q1'] },
  'group.delete': { type: 'group.delete', groupId: 'g1' },
  'thresholds.override': { type: 'thresholds.override', queueId: 'q1', thresholds: null },
  'conversation.whisper': { type: 'conversation.whisper', conversationId: 'c1', text: 'psst' },
  'conversation.takeover': { type: 'conversation.takeover', conversationId: 'c1' },
  'conversation.reply': { type: 'conversation.reply', conversationId: 'c1', text: 'hello' },
  'queue.mitigation': { type: 'queue.mitigation', queueId: 'q1', state: 'paused' },
  'queue.overflow': { type: 'queue.overflow', queueId: 'q1', rules: [] },
  'queue.transfer_waiting': { type: 'queue.transfer_waiting', queueId: 'q1', targetQueueId: 'q2' },
  'queue.end_all': { type: 'queue.end_all', queueId: 'q1' },
  'agent.status': { type: 'agent.status', agentId: 'a1', kind: 'offline', reason: 'x' },
  'queue.business_hours': { type: 'queue.business_hours', queueId: 'q1', businessHours: { windows: [{ day: 1, openMinute: 0, closeMinute: 1440 }], holidays: [] } },
  'queue.thresholds': {
    type: 'queue.thresholds',
    queueId: 'q1',
    thresholds: { queuedLow: 1, queuedHigh: 2, longestWaitSec: 60, ahtSec: 300, firstResponseSec: 30, serviceLevelPct: 80, abandonRatePct: 5 },
  },
  'agent.queues': { type: 'agent.queues', agentId: 'a1', queueIds: ['q1'] },
  'agent.capacity': { type: 'agent.capacity', agentId: 'a1', slots: 2 },
  'user.role': { type: 'user.role', userId: 'u1', role: 'admin', queueScope: null },
  'alerts.acknowledge': { type: 'alerts.acknowledge', alertId: 'threshold:q1:longestWaitSec@1', note: 'on it' },
  'alerts.snooze': { type: 'alerts.snooze', alertId: 'threshold:q1:longestWaitSec@1', durationSec: 900 },
  'alerts.escalate': { type: 'alerts.escalate', alertId: 'threshold:q1:longestWaitSec@1', toUserId: 'u1' },
  'alerts.set_preferences': { type: 'alerts.set_preferences', subscriptions: ['q1:threshold'], sound: false },
  'history.note.add': { type: 'history.note.add', conversationId: 'c1', text: 'note' },
  'history.savedSearch.save': { type: 'history.savedSearch.save', name: 'S', search },
  'history.savedSearch.delete': { type: 'history.savedSearch.delete', savedSearchId: 's1' },
  'history.retention.set': { type: 'history.retention.set', days: 1 },
  'history.backfill.start': { type: 'history.backfill.start', days: 1 },
  'history.export.start': { type: 'history.export.start', format: 'csv', conversationIds: ['c1'] },
  'history.export.cancel': { type: 'history.export.cancel', exportId: 'x1' },
  'wallboard.board.save': { type: 'wallboard.board.save', board },
  'wallboard.board.delete': { type: 'wallboard.board.delete', boardId: 'builtin-agents' },
  'wallboard.board.import': { type: 'wallboard.board.import', document: JSON.stringify(board) },
  'wallboard.playlist.save': { type: 'wallboard.playlist.save', playlist: { entries: [{ boardId: 'builtin-agents', seconds: 5 }] } },
  'wallboard.lan.set': { type: 'wallboard.lan.set', enabled: false },
  'wallboard.device.create': { type: 'wallboard.device.create', name: 'Another TV' },
  'wallboard.device.revoke': { type: 'wallboard.device.revoke', deviceId: 'dev-1' },
  'console.rotate_token': { type: 'console.rotate_token' },
  'connection.test': { type: 'connection.test', url: 'ws://127.0.0.1:9/feed', token: 'x' },
  'connection.save': { type: 'connection.save', connection: { kind: 'remote', url: 'ws://127.0.0.1:9/feed', token: 'x' } },
  'connection.use': { type: 'connection.use', connectionId: 'embedded' },
  'connection.forget': { type: 'connection.forget', connectionId: 'feed-1' },
} satisfies { readonly [T in CommandType]: Extract<CommandInput, { type: T }> };
