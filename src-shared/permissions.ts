/**
 * Roles are data, not code paths (docs/product.md §1): the core checks this table for every query and
 * command, and the UI uses it to hide what a role may not do.
 */
export const ROLES = ['wfm_leader', 'business_stakeholder', 'admin', 'wallboard'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
  /** Queue tiles and feed status: what a wallboard shows. Every role has it. */
  'live.tiles',
  /** Everything else of Live Insights that is read-only: queue lists, groups, conversations, performance. */
  'live.view',
  'live.transcripts',
  'live.whisper',
  'live.takeover',
  'queue.mitigation',
  'queue.overflow',
  'queue.bulk_actions',
  'agent.set_status',
  'layout.edit',
  'history.view',
  'history.export',
  'history.notes',
  'history.retention',
  'wallboard.view',
  'wallboard.manage',
  /** LAN serving on and off, and revoking anyone's device: the whole floor's TVs, so unscoped sessions only. */
  'wallboard.lan',
  'admin.business_hours',
  'admin.users',
  'admin.thresholds',
  'diagnostics.view',
  /** The alert centre: alerts of the session's queues, its own notification choices. */
  'alerts.view',
  /** Acknowledge and snooze an alert (shared through the feed). */
  'alerts.act',
  /** Escalate an alert to another supervisor (shared through the feed). */
  'alerts.escalate',
  /** Historical Insights: open dashboards, change a widget's chart type, range and filters. */
  'insights.view',
  /** Create, edit, copy, delete, import and share one's own dashboards. */
  'insights.create',
  /** Export a widget or a dashboard (CSV, XLSX, PNG, PDF): customer data leaves the console, so it is audited. */
  'insights.export',
  /** Scheduled e-mail reports: one's own schedules and their send history. */
  'reports.schedule',
  /** The console's SMTP server: one setting for everyone at this console, so unscoped sessions only. */
  'reports.smtp',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const everything: readonly Capability[] = CAPABILITIES;

export const PERMISSIONS: Readonly<Record<Role, readonly Capability[]>> = {
  wfm_leader: [
    'live.tiles',
    'live.view',
    'live.transcripts',
    'live.whisper',
    'live.takeover',
    'queue.overflow',
    'queue.bulk_actions',
    'agent.set_status',
    'layout.edit',
    'history.view',
    'history.export',
    'history.notes',
    'wallboard.view',
    'wallboard.manage',
    'wallboard.lan',
    'admin.business_hours',
    'admin.users',
    'admin.thresholds',
    'diagnostics.view',
    'alerts.view',
    'alerts.act',
    'alerts.escalate',
    'insights.view',
    'insights.create',
    'insights.export',
    'reports.schedule',
    'reports.smtp',
  ],
  business_stakeholder: [
    'live.tiles',
    'live.view',
    'queue.mitigation',
    'layout.edit',
    'history.view',
    'history.export',
    'history.notes',
    'wallboard.view',
    'wallboard.manage',
    'wallboard.lan',
    'diagnostics.view',
    'alerts.view',
    'alerts.act',
    'insights.view',
    'insights.create',
    'insights.export',
    'reports.schedule',
    'reports.smtp',
  ],
  admin: everything,
  // A TV: live tiles and its boards only; no queue lists, conversations, agents' detail or actions.
  wallboard: ['live.tiles', 'wallboard.view'],
};

/**
 * Capabilities that act on the whole floor or the whole cache (retention prunes everyone's history,
 * LAN serving lights every TV): held only by a session without a queue scope, whatever its role.
 */
export const WHOLE_FLOOR_CAPABILITIES: readonly Capability[] = ['history.retention', 'wallboard.lan', 'reports.smtp'];

/** Whether a role has a capability, before any queue scope is considered (the UI's and the feed's table). */
export function can(role: Role, capability: Capability): boolean {
  return PERMISSIONS[role].includes(capability);
}

/**
 * Whether a session of this role and queue scope may use a capability: the role's table, less the
 * whole-floor capabilities when the session is limited to some queues (docs/product.md §1).
 */
export function allows(role: Role, queueScope: readonly string[] | null, capability: Capability): boolean {
  return can(role, capability) && (queueScope === null || !WHOLE_FLOOR_CAPABILITIES.includes(capability));
}

/** Every capability a session of this role and scope holds: what session.info reports and the UI hides by. */
export function capabilitiesOf(role: Role, queueScope: readonly string[] | null): readonly Capability[] {
  return PERMISSIONS[role].filter((capability) => allows(role, queueScope, capability));
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
