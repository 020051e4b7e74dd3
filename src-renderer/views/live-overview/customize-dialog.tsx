/**
 * Customize the overview: which queues it shows (search, sort, select all; Apply saves, Cancel
 * forgets) and the user's queue groups (create, edit, delete; presets listed read-only).
 */
import { useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { QueueGroup } from '../../../src-shared/api/live-insights.js';
import { useQuery } from '../../hooks/use-api.js';
import { useCommand } from '../../hooks/use-command.js';
import { ActionFeedback } from '../../components/action-feedback.js';
import {
  filterAndSortQueues,
  hiddenToSave,
  layoutChanged,
  selectAllState,
  setShown,
  sortGroups,
  toggleHidden,
  type GroupDraft,
  type QueueSort,
} from './customize-model.js';
import { GroupEditor } from './group-editor.js';
import { FormDialog } from '../../components/form-dialog.js';
import type { QueueChoice } from '../../hooks/use-queue-choices.js';
import { useT } from '../../i18n/translate.js';

const t = useT('live-overview');

type Tab = 'queues' | 'groups';

export interface CustomizeDialogProps {
  readonly queues: readonly QueueChoice[];
  readonly hiddenQueueIds: ReadonlySet<string>;
  /** Why the saved layout could not be read, if it could not. */
  readonly layoutError: string | null;
  /** Saves the hidden queues; resolves with the refusal to show, or null when saved. */
  readonly onApply: (hiddenQueueIds: readonly string[]) => Promise<string | null>;
  readonly onClose: () => void;
}

const channelLabels = { chat: 'Chat', voice: 'Voice' } as const;

function QueuesTab({ queues, draft, setDraft }: { readonly queues: readonly QueueChoice[]; readonly draft: ReadonlySet<string>; readonly setDraft: (next: ReadonlySet<string>) => void }) {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<QueueSort>('name');
  const rows = useMemo(() => filterAndSortQueues(queues, search, sort), [queues, search, sort]);
  const all = selectAllState(draft, rows);
  const shownCount = queues.filter((queue) => !draft.has(queue.queueId)).length;
  return (
    <div className="customize-queues">
      <div className="toolbar">
        <label className="field field--grow">
          <span className="field__label">{t('searchQueues')}</span>
          <input className="input" type="search" value={search} onChange={(event) => setSearch(event.target.value)} autoFocus data-testid="customize-search" />
        </label>
        <label className="field">
          <span className="field__label">{t('sortBy')}</span>
          <select className="input" value={sort} onChange={(event) => setSort(event.target.value === 'channel' ? 'channel' : 'name')} data-testid="customize-sort">
            <option value="name">{t('name')}</option>
            <option value="channel">{t('channel')}</option>
          </select>
        </label>
      </div>
      <div className="choice choice--all">
        <label className="choice__label">
          <input
            type="checkbox"
            checked={all === 'all'}
            ref={(element) => {
              if (element !== null) element.indeterminate = all === 'some';
            }}
            aria-checked={all === 'some' ? 'mixed' : all === 'all'}
            disabled={rows.length === 0}
            onChange={() => setDraft(setShown(draft, rows, all !== 'all'))}
            data-testid="customize-select-all"
          />
          <span className="choice__name">{search.trim().length === 0 ? t('selectAll') : t('selectAllLengthMatching', { length: rows.length })}</span>
        </label>
        <span className="customize-queues__count" data-testid="customize-count">
          {shownCount}{t('of')}{queues.length}{t('shown')}
        </span>
      </div>
      <ul className="choice-list" aria-label={t('queuesShownOnThe')}>
        {rows.map((queue) => (
          <li key={queue.queueId} className="choice">
            <label className="choice__label">
              <input type="checkbox" checked={!draft.has(queue.queueId)} onChange={() => setDraft(toggleHidden(draft, queue.queueId))} data-testid="customize-queue" data-queue-id={queue.queueId} />
              <span className="choice__name">{queue.name}</span>
              <span className={`channel-badge channel-badge--${queue.channel}`}>{channelLabels[queue.channel]}</span>
            </label>
          </li>
        ))}
        {rows.length === 0 ? <li className="choice choice--empty">{queues.length === 0 ? t('noQueuesAreKnown') : t('noQueueMatchesSearch', { search })}</li> : null}
      </ul>
    </div>
  );
}

function GroupRow({ group, queueNames, onEdit, onDelete, deleting }: { readonly group: QueueGroup; readonly queueNames: string; readonly onEdit: () => void; readonly onDelete: () => void; readonly deleting: boolean }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="group-row" data-testid="group-row" data-group-id={group.groupId} data-preset={group.preset}>
      <div className="group-row__text">
        <span className="group-row__name">{group.name}</span>
        <span className={`channel-badge channel-badge--${group.channel}`}>{channelLabels[group.channel]}</span>
        {group.preset ? <span className="preset-badge">{t('organisationPreset')}</span> : null}
        <span className="group-row__queues">{queueNames}</span>
      </div>
      {group.preset ? (
        <span className="group-row__readonly">{t('readOnly')}</span>
      ) : confirming ? (
        <div className="group-row__actions" role="group" aria-label={t('deleteName', { name: group.name })}>
          <span>{t('delete')}{group.name}”?</span>
          <button type="button" className="button button--danger" onClick={onDelete} disabled={deleting} data-testid="group-delete-confirm">
            {t('delete2')}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
            {t('keep')}
          </button>
        </div>
      ) : (
        <div className="group-row__actions">
          <button type="button" className="button" onClick={onEdit} data-testid="group-edit">
            {t('edit')}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(true)} data-testid="group-delete">
            {t('delete2')}
          </button>
        </div>
      )}
    </li>
  );
}

function GroupsTab({ queues }: { readonly queues: readonly QueueChoice[] }) {
  const groupsQuery = useQuery<'live.groups'>({ type: 'live.groups' });
  const command = useCommand();
  const [editing, setEditing] = useState<GroupDraft | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const groups = groupsQuery.status === 'ready' ? groupsQuery.value : [];
  const names = useMemo(() => new Map(queues.map((queue) => [queue.queueId, queue.name])), [queues]);
  const namesOf = (group: QueueGroup): string => group.queueIds.map((queueId) => names.get(queueId) ?? queueId).join(', ');

  const save = async (draft: GroupDraft): Promise<void> => {
    setSaveError(null);
    const result = await command.run<'group.save'>(
      { type: 'group.save', ...(draft.groupId === undefined ? {} : { groupId: draft.groupId }), name: draft.name.trim(), queueIds: [...draft.queueIds] },
      { pending: t('savingGroupValue0', { value0: draft.name.trim() }), describe: (group) => t('groupSaved', { name: group.name, count: group.queueIds.length }) },
    );
    if (result.ok) {
      setEditing(null);
      groupsQuery.reload();
    } else setSaveError(result.error);
  };
  const remove = async (group: QueueGroup): Promise<void> => {
    const result = await command.run<'group.delete'>({ type: 'group.delete', groupId: group.groupId }, { pending: t('deletingGroupName', { name: group.name }), describe: () => t('groupNameDeleted', { name: group.name }) });
    if (result.ok) groupsQuery.reload();
  };

  if (editing !== null) {
    return <GroupEditor initial={editing} queues={queues} groups={groups} saving={command.pending} error={saveError} onSave={(draft) => void save(draft)} onCancel={() => setEditing(null)} />;
  }
  const sorted = sortGroups(groups);
  return (
    <div className="customize-groups">
      <div className="toolbar">
        <p className="toolbar__text">{t('groupsAreSavedAs')}</p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            setSaveError(null);
            setEditing({ name: '', queueIds: [] });
          }}
          data-testid="group-new"
        >
          {t('newGroup')}
        </button>
      </div>
      {groupsQuery.status === 'loading' ? <p className="muted">{t('loadingGroups')}</p> : null}
      {groupsQuery.status === 'error' ? (
        <p className="form-error" role="alert" data-testid="groups-error">
          {t('groupsCannotBeRead')}{groupsQuery.error}
        </p>
      ) : null}
      {groupsQuery.status === 'ready' && sorted.length === 0 ? <p className="muted">{t('noGroupsYetA')}</p> : null}
      <ul className="group-list" aria-label={t('queueGroups')}>
        {sorted.map((group) => (
          <GroupRow
            key={group.groupId}
            group={group}
            queueNames={namesOf(group)}
            deleting={command.pending}
            onEdit={() => {
              setSaveError(null);
              setEditing({ groupId: group.groupId, name: group.name, queueIds: group.queueIds });
            }}
            onDelete={() => void remove(group)}
          />
        ))}
      </ul>
      <ActionFeedback feedback={command.feedback} testId="group-feedback" onDismiss={command.clear} />
    </div>
  );
}

/** The Customize dialog. */
export function CustomizeDialog({ queues, hiddenQueueIds, layoutError, onApply, onClose }: CustomizeDialogProps) {
  const [tab, setTab] = useState<Tab>('queues');
  const [draft, setDraft] = useState<ReadonlySet<string>>(hiddenQueueIds);
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<string | null>(null);
  const tabs = useRef<Record<Tab, HTMLButtonElement | null>>({ queues: null, groups: null });

  const apply = async (): Promise<void> => {
    if (!layoutChanged(hiddenQueueIds, draft)) {
      onClose();
      return;
    }
    setApplying(true);
    setApplyError(null);
    const error = await onApply(hiddenToSave(draft));
    setApplying(false);
    if (error === null) onClose();
    else setApplyError(error);
  };

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next: Tab = tab === 'queues' ? 'groups' : 'queues';
    setTab(next);
    tabs.current[next]?.focus();
  };

  return (
    <FormDialog className="live-admin" title={t('customizeTheOverview')} testId="customize-dialog" onCancel={onClose} onSubmit={() => void apply()} submitLabel={applying ? t('applying') : t('apply')} submitDisabled={applying} wide>
      <div className="tabs" role="tablist" aria-label={t('customize')} onKeyDown={onTabKey}>
        {(['queues', 'groups'] as const).map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`customize-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`customize-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className={tab === id ? 'tab is-selected' : 'tab'}
            onClick={() => setTab(id)}
            ref={(element) => {
              tabs.current[id] = element;
            }}
            data-testid={`customize-tab-${id}`}
          >
            {id === 'queues' ? t('queuesShown') : t('queueGroups')}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`customize-panel-${tab}`} aria-labelledby={`customize-tab-${tab}`} className="tab-panel">
        {tab === 'queues' ? <QueuesTab queues={queues} draft={draft} setDraft={setDraft} /> : <GroupsTab queues={queues} />}
      </div>
      {layoutError === null ? null : <p className="form-note">{t('yourSavedLayoutCould')}{layoutError}{t('everyQueueIsShown')}</p>}
      {applyError === null ? null : (
        <p className="form-error" role="alert" data-testid="customize-error">
          {t('notApplied')}{applyError}
        </p>
      )}
    </FormDialog>
  );
}
