/**
 * Roles are data, not code paths (PRODUCT.md §1): the core checks this table for every query and
 * command, and the UI uses it to hide what a role may not do.
 */
export const ROLES = ['wfm_leader', 'business_stakeholder', 'admin', 'wallboard'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
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
  wallboard: ['live.view', 'wallboard.view'],
};

export function can(role: Role, capability: Capability): boolean {
  return PERMISSIONS[role].includes(capability);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
