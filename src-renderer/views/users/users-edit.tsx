/**
 * Editing the selected people at once: queues to add and to remove, slots, role (with its queue
 * scope) and status (with an away reason from the feed's list). Applying plans one command per
 * person and change (users-model.ts planEdit), sends them through client/commands.ts with a
 * progress count, and lists what each person's commands got: acked, or refused with the reason.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { UserRow } from '../../../src-shared/api/management.js';
import { ROLES, type Role } from '../../../src-shared/permissions.js';
import type { StatusKind } from '../../../src-shared/protocol/events.js';
import { isStillUnknown, issueCommand, newCommandId } from '../../client/commands.js';
import { Dialog } from '../../components/dialog.js';
import { ROLE_LABELS } from '../../format/metric-format.js';
import { useClient } from '../../hooks/client-context.js';
import type { QueueChoice } from '../../hooks/use-queue-choices.js';
import { EMPTY_EDIT, editIsEmpty, planEdit, progressText, resultsByPerson, type EditSkip, type EditStep, type PersonResult, type StepResult, type UsersEdit } from './users-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('users');

/** Commands in flight at once: enough to be quick for a whole team, few enough not to flood the feed. */
const CONCURRENCY = 4;

type RoleChoice = '' | Role | 'none';
type StatusChoice = '' | StatusKind;

interface EditForm {
  readonly add: ReadonlySet<string>;
  readonly remove: ReadonlySet<string>;
  readonly slots: string;
  readonly role: RoleChoice;
  readonly scope: ReadonlySet<string>;
  readonly status: StatusChoice;
  readonly reason: string;
}

const EMPTY_FORM: EditForm = { add: new Set(), remove: new Set(), slots: '', role: '', scope: new Set(), status: '', reason: '' };

/** The edit a form stands for, or a message naming the field to fix. */
function editOf(form: EditForm): UsersEdit | string {
  let slots: number | null = null;
  if (form.slots.trim() !== '') {
    const value = Number(form.slots.trim());
    if (!Number.isInteger(value) || value < 1 || value > 32) return t('slotsEnterAWhole');
    slots = value;
  }
  if (form.status === 'away' && form.reason === '') return t('statusPickAnAway');
  return {
    ...EMPTY_EDIT,
    addQueues: [...form.add],
    removeQueues: [...form.remove],
    slots,
    role: form.role === '' ? null : { role: form.role === 'none' ? null : form.role, queueScope: form.role === 'none' || form.scope.size === 0 ? null : [...form.scope] },
    status: form.status === '' ? null : { kind: form.status, reason: form.status === 'away' ? form.reason : '' },
  };
}

function toggled(set: ReadonlySet<string>, value: string): ReadonlySet<string> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}

function QueueChecklist({ legend, testId, queues, picked, onToggle }: {
  readonly legend: string;
  readonly testId: string;
  readonly queues: readonly QueueChoice[];
  readonly picked: ReadonlySet<string>;
  onToggle(queueId: string): void;
}) {
  return (
    <fieldset className="users-edit__queues" data-testid={testId}>
      <legend className="field__label">{legend}</legend>
      <div className="users-edit__checklist">
        {queues.map((queue) => (
          <label key={queue.queueId} className="users-edit__check">
            <input type="checkbox" checked={picked.has(queue.queueId)} onChange={() => onToggle(queue.queueId)} data-testid={`${testId}-${queue.queueId}`} />
            {queue.name} <span className="users-edit__channel">({queue.channel === 'chat' ? t('chat') : t('voice')})</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export interface UsersEditDialogProps {
  readonly count: number;
  readonly queues: readonly QueueChoice[];
  readonly awayReasons: readonly string[];
  /** Roles this session may grant (admin only by admins). */
  readonly grantable: readonly Role[];
  /** Whether this session may set agents' status (agent.set_status). */
  readonly canSetStatus: boolean;
  /** The selected people as they are now (reads the listing when "all matching" is selected). */
  resolveRows(): Promise<readonly UserRow[] | string>;
  onCancel(): void;
  /** The edit ran (whatever its answers): the list is read again. */
  onDone(): void;
}

type Phase =
  | { readonly kind: 'form'; readonly error: string | null }
  | { readonly kind: 'reading' }
  | { readonly kind: 'running'; readonly done: number; readonly total: number }
  | { readonly kind: 'done'; readonly people: readonly PersonResult[] };

async function runSteps(steps: readonly EditStep[], send: (step: EditStep) => Promise<StepResult>, onProgress: (done: number) => void): Promise<readonly StepResult[]> {
  const results: StepResult[] = new Array<StepResult>(steps.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < steps.length) {
      const index = next;
      next += 1;
      const step = steps[index];
      if (step === undefined) continue;
      results[index] = await send(step);
      done += 1;
      onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, steps.length) }, worker));
  return results;
}

/** The edit dialog: a form, then the progress, then each person's answer. */
export function UsersEditDialog({ count, queues, awayReasons, grantable, canSetStatus, resolveRows, onCancel, onDone }: UsersEditDialogProps) {
  const client = useClient();
  const [form, setForm] = useState<EditForm>(EMPTY_FORM);
  const [phase, setPhase] = useState<Phase>({ kind: 'form', error: null });
  const busy = phase.kind === 'reading' || phase.kind === 'running';

  const send = async (step: EditStep): Promise<StepResult> => {
    const result = await issueCommand(client, step.command, newCommandId('users'));
    if (result.ok) return { step, outcome: 'acked', detail: result.value.detail ?? '' };
    return { step, outcome: isStillUnknown(result) ? 'unknown' : 'refused', detail: result.error };
  };

  const apply = async (): Promise<void> => {
    const edit = editOf(form);
    if (typeof edit === 'string') return setPhase({ kind: 'form', error: edit });
    if (editIsEmpty(edit)) return setPhase({ kind: 'form', error: t('chooseSomethingToChange') });
    setPhase({ kind: 'reading' });
    const rows = await resolveRows();
    if (typeof rows === 'string') return setPhase({ kind: 'form', error: t('theSelectedPeopleCould', { rows }) });
    const plan = planEdit(rows, edit);
    setPhase({ kind: 'running', done: 0, total: plan.steps.length });
    const results = await runSteps(plan.steps, send, (done) => setPhase({ kind: 'running', done, total: plan.steps.length }));
    const unchanged: EditSkip[] = rows.filter((row) => !plan.steps.some((step) => step.userId === row.userId) && !plan.skipped.some((skip) => skip.userId === row.userId)).map((row) => ({ userId: row.userId, name: row.name, reason: t('nothingToChange') }));
    setPhase({ kind: 'done', people: resultsByPerson(results, [...plan.skipped, ...unchanged]) });
    onDone();
  };

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (!busy) void apply();
  };

  const title = t('editPeople', { count });
  if (phase.kind === 'running' || phase.kind === 'reading' || phase.kind === 'done') {
    const people = phase.kind === 'done' ? phase.people : [];
    const acked = people.filter((person) => person.outcome === 'acked').length;
    const refused = people.filter((person) => person.outcome === 'refused').length;
    return (
      <Dialog title={title} testId="users-edit" onCancel={onCancel} busy={busy} closeButton={!busy} wide className="users-edit" dataStep={phase.kind}>
        <div className="dialog__body">
          <p role="status" aria-live="polite" className="users-edit__progress" data-testid="users-edit-progress">
            {phase.kind === 'reading' ? t('readingTheSelectedPeople') : null}
            {phase.kind === 'running' ? t('sendingValue0', { value0: progressText(phase.done, phase.total) }) : null}
            {phase.kind === 'done' ? t('doneAckedAckedRefused', { acked, refused, value2: people.length - acked - refused > 0 ? `, ${people.length - acked - refused} other` : '' }) : null}
          </p>
          {phase.kind === 'running' ? <progress className="users-edit__bar" max={Math.max(1, phase.total)} value={phase.done} aria-label={t('commandsAnswered')} /> : null}
          {phase.kind === 'done' ? (
            <ul className="users-edit__results" data-testid="users-edit-results">
              {people.map((person) => (
                <li key={person.userId} className={`users-result users-result--${person.outcome}`} data-testid="users-edit-result" data-user-id={person.userId} data-outcome={person.outcome}>
                  <strong>{person.name}</strong> <span className="users-result__outcome">{person.outcome === 'acked' ? t('acked') : person.outcome === 'refused' ? t('refused') : person.outcome === 'unknown' ? t('unknown') : t('skipped')}</span>
                  <span className="users-result__lines">{person.lines.join('; ')}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <footer className="dialog__footer">
          <button type="button" className="button button--primary" disabled={busy} onClick={onCancel} data-testid="users-edit-close-results">
            {t('close')}
          </button>
        </footer>
      </Dialog>
    );
  }

  const set = (change: Partial<EditForm>): void => setForm((current) => ({ ...current, ...change }));
  return (
    <Dialog title={title} testId="users-edit" onCancel={onCancel} closeButton wide className="users-edit" dataStep="form">
      <form className="dialog__form" onSubmit={submit} noValidate>
        <div className="dialog__body users-edit__body">
          <p className="field__hint">{t('eachChangeIsSent')}</p>
          <div className="users-edit__columns">
            <QueueChecklist legend={t('addToQueues')} testId="users-edit-add" queues={queues} picked={form.add} onToggle={(queueId) => set({ add: toggled(form.add, queueId) })} />
            <QueueChecklist legend={t('removeFromQueues')} testId="users-edit-remove" queues={queues} picked={form.remove} onToggle={(queueId) => set({ remove: toggled(form.remove, queueId) })} />
          </div>
          <label className="field">
            <span className="field__label">{t('slotsConversationsAtOnce')}</span>
            <input className="input users-edit__slots" type="number" min={1} max={32} inputMode="numeric" placeholder={t('keep')} value={form.slots} onChange={(event) => set({ slots: event.target.value })} data-testid="users-edit-slots" />
          </label>
          <div className="users-edit__columns">
            <label className="field">
              <span className="field__label">{t('role')}</span>
              <select className="input" value={form.role} onChange={(event) => set({ role: event.target.value as RoleChoice })} data-testid="users-edit-role">
                <option value="">{t('keep')}</option>
                {ROLES.filter((role) => grantable.includes(role)).map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
                <option value="none">{t('noConsole')}</option>
              </select>
            </label>
            {canSetStatus ? (
            <label className="field">
              <span className="field__label">{t('status')}</span>
              <select className="input" value={form.status} onChange={(event) => set({ status: event.target.value as StatusChoice })} data-testid="users-edit-status">
                <option value="">{t('keep')}</option>
                <option value="available">{t('available')}</option>
                <option value="away">{t('away')}</option>
                <option value="offline">{t('offline')}</option>
              </select>
            </label>
            ) : null}
            {form.status === 'away' ? (
              <label className="field">
                <span className="field__label">{t('awayReason')}</span>
                <select className="input" value={form.reason} onChange={(event) => set({ reason: event.target.value })} data-testid="users-edit-reason">
                  <option value="">{t('pickAReason')}</option>
                  {awayReasons.map((reason) => (
                    <option key={reason} value={reason}>
                      {reason}
                    </option>
                  ))}
                </select>
                {awayReasons.length === 0 ? <span className="field__hint">{t('theFeedSentNo')}</span> : null}
              </label>
            ) : null}
          </div>
          {form.role !== '' && form.role !== 'none' ? (
            <QueueChecklist legend={t('roleSQueueScope')} testId="users-edit-scope" queues={queues} picked={form.scope} onToggle={(queueId) => set({ scope: toggled(form.scope, queueId) })} />
          ) : null}
        </div>
        {phase.error === null ? null : (
          <p className="form-error dialog__error" role="alert" data-testid="users-edit-error">
            {t('notDone')}{phase.error}
          </p>
        )}
        <footer className="dialog__footer">
          <button type="button" className="button" onClick={onCancel} data-testid="users-edit-cancel">
            {t('cancel')}
          </button>
          <button type="submit" className="button button--primary" data-testid="users-edit-submit">
            {t('applyTo')}{count}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
