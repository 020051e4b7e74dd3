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
  'admin.business_hours',
  'admin.users',
  'admin.thresholds',
  'diagnostics.view',
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
    'history.retention',
    'wallboard.view',
    'wallboard.manage',
    'admin.business_hours',
    'admin.users',
    'admin.thresholds',
    'diagnostics.view',
  ],
  business_stakeholder: [
    'live.tiles',
    'live.view',
    'queue.mitigation',
    'layout.edit',
    'history.view',
    'history.export',
    'history.notes',
    'history.retention',
    'wallboard.view',
    'wallboard.manage',
    'diagnostics.view',
  ],
  admin: everything,
  // A TV: live tiles and its boards only; no queue lists, conversations, agents' detail or actions.
  wallboard: ['live.tiles', 'wallboard.view'],
};

export function can(role: Role, capability: Capability): boolean {
  return PERMISSIONS[role].includes(capability);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
