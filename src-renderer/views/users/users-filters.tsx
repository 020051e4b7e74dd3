/** The Users view's search box and filters (queue, team, role, status), each labelled. */
import type { UserPage } from '../../../src-shared/api/management.js';
import { ROLES } from '../../../src-shared/permissions.js';
import { USER_STATUSES } from '../../../src-shared/api/management.js';
import { ROLE_LABELS } from '../../format/metric-format.js';
import type { QueueChoice } from '../../hooks/use-queue-choices.js';
import { EMPTY_FORM, STATUS_LABELS, isFiltered, type UsersForm } from './users-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('users');

export interface UsersFiltersProps {
  readonly form: UsersForm;
  readonly queues: readonly QueueChoice[];
  readonly teams: UserPage['teams'];
  onChange(form: UsersForm): void;
}

/** The filter bar; every change is applied (the search box a moment after typing stops). */
export function UsersFilters({ form, queues, teams, onChange }: UsersFiltersProps) {
  const set = (change: Partial<UsersForm>): void => onChange({ ...form, ...change });
  return (
    <form className="users-filters" role="search" aria-label={t('findPeople')} onSubmit={(event) => event.preventDefault()}>
      <label className="field users-filters__search">
        <span className="field__label">{t('search')}</span>
        <input
          className="input"
          type="search"
          value={form.search}
          placeholder={t('nameTeamLocationOr')}
          maxLength={200}
          onChange={(event) => set({ search: event.target.value })}
          data-testid="users-search"
        />
      </label>
      <label className="field">
        <span className="field__label">{t('queue')}</span>
        <select className="input" value={form.queueId} onChange={(event) => set({ queueId: event.target.value })} data-testid="users-filter-queue">
          <option value="">{t('anyQueue')}</option>
          {queues.map((queue) => (
            <option key={queue.queueId} value={queue.queueId}>
              {queue.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('team')}</span>
        <select className="input" value={form.teamId} onChange={(event) => set({ teamId: event.target.value })} data-testid="users-filter-team">
          <option value="">{t('anyTeam')}</option>
          {teams.map((team) => (
            <option key={team.teamId} value={team.teamId}>
              {team.teamName}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('role')}</span>
        <select className="input" value={form.role} onChange={(event) => set({ role: event.target.value as UsersForm['role'] })} data-testid="users-filter-role">
          <option value="">{t('anyRole')}</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
          <option value="none">{t('noConsole')}</option>
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('status')}</span>
        <select className="input" value={form.status} onChange={(event) => set({ status: event.target.value as UsersForm['status'] })} data-testid="users-filter-status">
          <option value="">{t('anyStatus')}</option>
          {USER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button button--quiet users-filters__clear" disabled={!isFiltered(form)} onClick={() => onChange(EMPTY_FORM)} data-testid="users-clear-filters">
        {t('clearFilters')}
      </button>
    </form>
  );
}
