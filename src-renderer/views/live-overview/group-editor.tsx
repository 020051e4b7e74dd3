/**
 * Creates or edits one of the user's queue groups inside the Customize dialog: a name and queues
 * of one channel. Queues of the other channel stay listed but disabled, with the reason, so the
 * rule is visible before anything is sent.
 */
import { useId, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { QueueGroup } from '../../../src-shared/api/live-insights.js';
import { draftChannel, filterAndSortQueues, GROUP_NAME_MAX, groupDraftErrors, queueSelectability, toggleGroupQueue, type GroupDraft } from './customize-model.js';
import type { QueueChoice } from '../../hooks/use-queue-choices.js';
import { useT } from '../../i18n/translate.js';

const t = useT('live-overview');

export interface GroupEditorProps {
  readonly initial: GroupDraft;
  readonly queues: readonly QueueChoice[];
  readonly groups: readonly QueueGroup[];
  readonly saving: boolean;
  /** The core's refusal of the last save, shown under the form. */
  readonly error: string | null;
  readonly onSave: (draft: GroupDraft) => void;
  readonly onCancel: () => void;
}

const channelLabels = { chat: 'Chat', voice: 'Voice' } as const;

export function GroupEditor({ initial, queues, groups, saving, error, onSave, onCancel }: GroupEditorProps) {
  const [name, setName] = useState(initial.name);
  const [queueIds, setQueueIds] = useState<readonly string[]>(initial.queueIds);
  const [search, setSearch] = useState('');
  const [attempted, setAttempted] = useState(false);
  const formId = useId();
  const draft: GroupDraft = initial.groupId === undefined ? { name, queueIds } : { groupId: initial.groupId, name, queueIds };
  const errors = groupDraftErrors(draft, queues, groups);
  const channel = draftChannel(queues, queueIds);
  const rows = useMemo(() => filterAndSortQueues(queues, search, 'channel'), [queues, search]);

  const save = (): void => {
    setAttempted(true);
    if (errors.length === 0 && !saving) onSave(draft);
  };
  // The editor sits inside the dialog's form: Enter here saves the group, not the dialog.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      event.stopPropagation();
      if (event.target.type === 'checkbox') setQueueIds((current) => toggleGroupQueue(queues, current, (event.target as HTMLInputElement).value));
      else save();
    }
    if (event.key === 'Escape') {
      // Esc leaves the editor first; a second Esc closes the dialog.
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <fieldset className="group-editor" data-testid="group-editor" onKeyDown={onKeyDown} aria-describedby={`${formId}-rule`}>
      <legend className="group-editor__legend">{initial.groupId === undefined ? t('newGroup') : t('editName', { name: initial.name })}</legend>
      <label className="field">
        <span className="field__label">{t('name')}</span>
        <input className="input" value={name} maxLength={GROUP_NAME_MAX} onChange={(event) => setName(event.target.value)} autoFocus data-testid="group-name" />
      </label>
      <p className="field__hint" id={`${formId}-rule`}>
        {t('aGroupHoldsQueues')}{channel === null ? t('chooseAFirstQueue') : t('thisGroupIsValue0', { value0: channelLabels[channel].toLowerCase() })}
      </p>
      <label className="field">
        <span className="field__label">{t('findQueues')}</span>
        <input className="input" type="search" value={search} onChange={(event) => setSearch(event.target.value)} data-testid="group-queue-search" />
      </label>
      <ul className="choice-list" aria-label={t('queuesOfTheGroup')}>
        {rows.map((queue) => {
          const selected = queueIds.includes(queue.queueId);
          const selectable = queueSelectability(queue, channel);
          const reasonId = `${formId}-${queue.queueId}-reason`;
          return (
            <li key={queue.queueId} className={selectable.enabled || selected ? 'choice' : 'choice is-disabled'}>
              <label className="choice__label">
                <input
                  type="checkbox"
                  value={queue.queueId}
                  checked={selected}
                  disabled={!selected && !selectable.enabled}
                  aria-describedby={selectable.reason === null ? undefined : reasonId}
                  onChange={() => setQueueIds((current) => toggleGroupQueue(queues, current, queue.queueId))}
                  data-testid="group-queue"
                  data-queue-id={queue.queueId}
                />
                <span className="choice__name">{queue.name}</span>
                <span className={`channel-badge channel-badge--${queue.channel}`}>{channelLabels[queue.channel]}</span>
              </label>
              {selectable.reason === null || selected ? null : (
                <span className="choice__reason" id={reasonId}>
                  {selectable.reason}
                </span>
              )}
            </li>
          );
        })}
        {rows.length === 0 ? <li className="choice choice--empty">{t('noQueueMatches')}{search}”.</li> : null}
      </ul>
      <p className="group-editor__count" aria-live="polite">
        {t('queuesSelected', { count: queueIds.length })}
      </p>
      {attempted && errors.length > 0 ? (
        <ul className="form-error" role="alert" data-testid="group-errors">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      {error === null ? null : (
        <p className="form-error" role="alert" data-testid="group-save-error">
          {error}
        </p>
      )}
      <div className="group-editor__actions">
        <button type="button" className="button" onClick={onCancel} data-testid="group-cancel">
          {t('backToGroups')}
        </button>
        <button type="button" className="button button--primary" onClick={save} disabled={saving} aria-busy={saving} data-testid="group-save">
          {saving ? t('saving') : initial.groupId === undefined ? t('createGroup') : t('saveGroup')}
        </button>
      </div>
    </fieldset>
  );
}
