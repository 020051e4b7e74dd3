/**
 * The three actions on an alert, each a small form: acknowledge with a note, snooze (15 minutes,
 * an hour, or until it recovers), escalate to a supervisor or team leader of the alert's queue.
 * Each sends one command; the alert changes when the feed's `alert.updated` comes back.
 */
import { useState } from 'react';
import type { AlertRecord } from '../../../src-shared/api/alerts.js';
import { FormDialog } from '../../components/form-dialog.js';
import { useQuery } from '../../hooks/use-api.js';
import type { CommandRunner } from '../../hooks/use-command.js';
import { useT } from '../../i18n/translate.js';

const t = useT('alerts');

export type AlertAction = 'acknowledge' | 'snooze' | 'escalate';

const SNOOZES = [
  { id: '15m', label: '15 minutes', durationSec: 15 * 60 },
  { id: '1h', label: '1 hour', durationSec: 3600 },
  { id: 'recover', label: t('untilItRecovers'), durationSec: undefined },
] as const;

interface DialogProps {
  readonly alert: AlertRecord;
  readonly runner: CommandRunner;
  readonly onClose: () => void;
}

function NoteField({ value, onChange, testId }: { readonly value: string; readonly onChange: (value: string) => void; readonly testId: string }) {
  return (
    <label className="field">
      <span className="field__label">{t('noteOptional')}</span>
      <textarea className="field__input" rows={2} maxLength={1000} value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId} />
    </label>
  );
}

function AcknowledgeDialog({ alert, runner, onClose }: DialogProps) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (): void => {
    void runner.run({ type: 'alerts.acknowledge', alertId: alert.alertId, note }, { pending: t('acknowledging'), describe: () => t('acknowledged') }).then((result) => (result.ok ? onClose() : setError(result.error)));
  };
  return (
    <FormDialog title={t('acknowledgeTitle', { title: alert.title })} testId="alerts-ack-dialog" onCancel={onClose} onSubmit={submit} submitLabel={t('acknowledge')} submitDisabled={runner.pending} error={error} className="alerts">
      <p>{alert.queueName}{t('everyoneOnThisFloor')}</p>
      <NoteField value={note} onChange={setNote} testId="alerts-ack-note" />
    </FormDialog>
  );
}

function SnoozeDialog({ alert, runner, onClose }: DialogProps) {
  const [choice, setChoice] = useState<(typeof SNOOZES)[number]['id']>('15m');
  const [error, setError] = useState<string | null>(null);
  const submit = (): void => {
    const durationSec = SNOOZES.find((option) => option.id === choice)?.durationSec;
    const command = durationSec === undefined ? { type: 'alerts.snooze' as const, alertId: alert.alertId } : { type: 'alerts.snooze' as const, alertId: alert.alertId, durationSec };
    void runner.run(command, { pending: t('snoozing'), describe: () => t('snoozed') }).then((result) => (result.ok ? onClose() : setError(result.error)));
  };
  return (
    <FormDialog title={t('snoozeTitle', { title: alert.title })} testId="alerts-snooze-dialog" onCancel={onClose} onSubmit={submit} submitLabel={t('snooze')} submitDisabled={runner.pending} error={error} className="alerts">
      <fieldset className="alerts__choices">
        <legend>{t('quietFor')}</legend>
        {SNOOZES.map((option) => (
          <label key={option.id} className="alerts__choice">
            <input type="radio" name="snooze" value={option.id} checked={choice === option.id} onChange={() => setChoice(option.id)} data-testid={`alerts-snooze-${option.id}`} />
            {option.label}
          </label>
        ))}
      </fieldset>
    </FormDialog>
  );
}

function EscalateDialog({ alert, runner, onClose }: DialogProps) {
  const targets = useQuery<'alerts.escalationTargets'>({ type: 'alerts.escalationTargets', alertId: alert.alertId });
  const [toUserId, setToUserId] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const people = targets.status === 'ready' ? targets.value : [];
  const chosen = toUserId || (people[0]?.userId ?? '');
  const submit = (): void => {
    if (chosen === '') return;
    void runner.run({ type: 'alerts.escalate', alertId: alert.alertId, toUserId: chosen, note }, { pending: t('escalating'), describe: () => t('escalated') }).then((result) => (result.ok ? onClose() : setError(result.error)));
  };
  return (
    <FormDialog title={t('escalateTitle', { title: alert.title })} testId="alerts-escalate-dialog" onCancel={onClose} onSubmit={submit} submitLabel={t('escalate')} submitDisabled={runner.pending || chosen === ''} error={targets.status === 'error' ? targets.error : error} className="alerts">
      <label className="field">
        <span className="field__label">{t('toSupervisorsAndTeam')}{alert.queueName})</span>
        <select className="field__input" value={chosen} onChange={(event) => setToUserId(event.target.value)} data-testid="alerts-escalate-to">
          {people.map((person) => (
            <option key={person.userId} value={person.userId}>
              {person.name}
              {person.teamName.length > 0 ? ` — ${person.teamName}` : ''}
            </option>
          ))}
        </select>
      </label>
      {targets.status === 'ready' && people.length === 0 ? <p>{t('nobodyElseLeadsThis')}</p> : null}
      <NoteField value={note} onChange={setNote} testId="alerts-escalate-note" />
    </FormDialog>
  );
}

/** The dialog of one action on one alert. */
export function AlertActionDialog({ action, ...props }: DialogProps & { readonly action: AlertAction }) {
  switch (action) {
    case 'acknowledge':
      return <AcknowledgeDialog {...props} />;
    case 'snooze':
      return <SnoozeDialog {...props} />;
    case 'escalate':
      return <EscalateDialog {...props} />;
  }
}
