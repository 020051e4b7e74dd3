/**
 * The remote feed form: address, token, name; "Test connection" says who the feed signs you in as
 * or what is wrong, in words; "Save and use" keeps it (the token goes to the console's secret
 * store and is never shown again) and switches to it.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ConnectionSummary, ConnectionTestResult } from '../../../src-shared/api/connection.js';
import { isRole } from '../../../src-shared/permissions.js';
import { ROLE_LABELS } from '../../format/metric-format.js';
import { useCommand } from '../../hooks/use-command.js';
import { describeSuccess, EMPTY_FEED_FORM, feedFormErrors, problemTitle, type FeedForm } from './connection-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('connection');

type TestState = { readonly status: 'idle' } | { readonly status: 'testing' } | { readonly status: 'done'; readonly result: ConnectionTestResult } | { readonly status: 'error'; readonly error: string };

const roleLabel = (role: string): string => (isRole(role) ? ROLE_LABELS[role] : role);

export function FeedForm(props: { readonly editing: ConnectionSummary | null; readonly onSaved: (saved: ConnectionSummary) => void; readonly submitLabel: string; readonly busy: boolean }) {
  const { editing } = props;
  const ids = useId();
  const [form, setForm] = useState<FeedForm>(editing === null ? EMPTY_FEED_FORM : { label: editing.label, url: editing.url ?? '', token: '' });
  const [touched, setTouched] = useState(false);
  const [test, setTest] = useState<TestState>({ status: 'idle' });
  const testCommand = useCommand();
  const saveCommand = useCommand();
  const errors = feedFormErrors(form, editing);
  const valid = errors.url === null && errors.token === null;
  const set = (patch: Partial<FeedForm>): void => {
    setForm({ ...form, ...patch });
    setTest({ status: 'idle' });
  };

  const runTest = async (): Promise<void> => {
    setTouched(true);
    if (!valid) return;
    setTest({ status: 'testing' });
    const token = form.token.length > 0 ? form.token : undefined;
    const result = await testCommand.run(
      { type: 'connection.test', url: form.url.trim(), token, connectionId: token === undefined ? editing?.connectionId : undefined },
      { pending: t('testingTheConnection'), describe: () => '' },
    );
    setTest(result.ok ? { status: 'done', result: result.value } : { status: 'error', error: result.error });
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTouched(true);
    if (!valid) return;
    const token = form.token.length > 0 ? form.token : undefined;
    const result = await saveCommand.run(
      { type: 'connection.save', connection: { kind: 'remote', connectionId: editing?.connectionId, label: form.label, url: form.url.trim(), token } },
      { pending: t('saving'), describe: (saved) => t('savedFeed', { label: saved.label }) },
    );
    if (result.ok) props.onSaved(result.value);
  };

  const showErrors = touched;
  return (
    <form className="connection-form" onSubmit={(event) => void submit(event)} noValidate data-testid="feed-form">
      <label className="field">
        <span className="field__label">{t('feedAddress')}</span>
        <input
          className="input"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('wssFeedExampleCom')}
          value={form.url}
          onChange={(event) => set({ url: event.target.value })}
          aria-invalid={showErrors && errors.url !== null}
          aria-describedby={`${ids}-url`}
          required
          data-testid="feed-url"
        />
        <span id={`${ids}-url`} className={showErrors && errors.url !== null ? 'field__error' : 'field__hint'}>
          {showErrors && errors.url !== null ? errors.url : t('fromYourAdministrator')}
        </span>
      </label>
      <label className="field">
        <span className="field__label">{t('token')}</span>
        <input
          className="input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={editing?.hasToken ? t('tokenKept') : ''}
          value={form.token}
          onChange={(event) => set({ token: event.target.value })}
          aria-invalid={showErrors && errors.token !== null}
          aria-describedby={`${ids}-token`}
          data-testid="feed-token"
        />
        <span id={`${ids}-token`} className={showErrors && errors.token !== null ? 'field__error' : 'field__hint'}>
          {showErrors && errors.token !== null ? errors.token : t('tokenSecretStore')}
        </span>
      </label>
      <label className="field">
        <span className="field__label">{t('nameOptional')}</span>
        <input className="input" type="text" maxLength={80} value={form.label} onChange={(event) => set({ label: event.target.value })} placeholder={t('northSite')} data-testid="feed-label" />
      </label>
      <div className="connection-form__actions">
        <button type="button" className="button" onClick={() => void runTest()} disabled={test.status === 'testing' || props.busy} data-testid="feed-test">
          {test.status === 'testing' ? t('testing') : t('testConnection')}
        </button>
        <button type="submit" className="button button--primary" disabled={saveCommand.pending || props.busy} data-testid="feed-save">
          {saveCommand.pending ? t('saving') : props.submitLabel}
        </button>
      </div>
      <TestOutcome test={test} />
      {saveCommand.feedback.kind === 'error' ? (
        <p className="form-error" role="alert">
          {saveCommand.feedback.text}
        </p>
      ) : null}
    </form>
  );
}

function TestOutcome({ test }: { readonly test: TestState }) {
  let body: ReactNode = null;
  if (test.status === 'testing') body = <p className="connection-test connection-test--pending">{t('testingTheConnection')}</p>;
  else if (test.status === 'error') body = <p className="connection-test connection-test--bad">{t('couldNotTest')}{test.error}</p>;
  else if (test.status === 'done' && test.result.ok) body = <p className="connection-test connection-test--ok">{describeSuccess(test.result, roleLabel)}</p>;
  else if (test.status === 'done' && !test.result.ok)
    body = (
      <div className="connection-test connection-test--bad">
        <strong>{problemTitle(test.result.problem)}</strong>
        <p>{test.result.message}</p>
      </div>
    );
  return (
    <div role="status" aria-live="polite" data-testid="feed-test-result" data-outcome={test.status === 'done' ? (test.result.ok ? 'ok' : test.result.problem) : test.status}>
      {body}
    </div>
  );
}
