/**
 * The mail server every report goes through. Shown to anyone who schedules reports; changed only by
 * a user who sees every queue (`reports.smtp`). The password is write-only: the form says whether
 * one is stored and offers to keep, replace or remove it, never to show it.
 */
import { useId, useState } from 'react';
import { SMTP_SECURITY, type SmtpSettings } from '../../../src-shared/api/reports.js';
import { ActionFeedback } from '../../components/action-feedback.js';
import { useCan, useQuery } from '../../hooks/use-api.js';
import { useCommand } from '../../hooks/use-command.js';
import { useT } from '../../i18n/translate.js';

const t = useT('reports');

type Security = (typeof SMTP_SECURITY)[number];
const SECURITY_KEYS: Readonly<Record<Security, 'securityTls' | 'securityStarttls' | 'securityNone'>> = { tls: 'securityTls', starttls: 'securityStarttls', none: 'securityNone' };
type PasswordChoice = 'keep' | 'replace' | 'remove';

function SmtpEditor({ current, onSaved }: { readonly current: SmtpSettings | null; readonly onSaved: () => void }) {
  const [host, setHost] = useState(current?.host ?? '');
  const [port, setPort] = useState(String(current?.port ?? 587));
  const [security, setSecurity] = useState<Security>(current?.security ?? 'starttls');
  const [username, setUsername] = useState(current?.username ?? '');
  const [from, setFrom] = useState(current?.from ?? '');
  const [choice, setChoice] = useState<PasswordChoice>(current?.hasPassword ? 'keep' : 'replace');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<readonly string[]>([]);
  const runner = useCommand();
  const base = useId();

  const save = (): void => {
    const found: string[] = [];
    const portNumber = Number(port);
    if (host.trim() === '') found.push(t('problemHost'));
    if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65_535) found.push(t('problemPort'));
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(from.trim())) found.push(t('problemFrom'));
    setProblems(found);
    if (found.length > 0) return;
    const secret = choice === 'keep' ? {} : choice === 'remove' ? { password: '' } : password === '' ? {} : { password };
    void runner
      .run(
        { type: 'reports.smtp.save', settings: { host: host.trim(), port: portNumber, security, username: username.trim(), from: from.trim(), ...secret } },
        { pending: t('savingSmtp'), describe: () => t('savedSmtp') },
      )
      .then((result) => {
        if (!result.ok) return;
        setPassword('');
        setChoice(result.value.hasPassword ? 'keep' : 'replace');
        onSaved();
      });
  };

  return (
    <form
      className="reports__form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      data-testid="smtp-form"
    >
      <div className="reports__row">
        <div className="field reports__grow">
          <label className="field__label" htmlFor={`${base}-host`}>
            {t('host')}
          </label>
          <input id={`${base}-host`} className="input" value={host} onChange={(event) => setHost(event.target.value)} autoComplete="off" data-testid="smtp-host" />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${base}-port`}>
            {t('port')}
          </label>
          <input id={`${base}-port`} className="input reports__port" inputMode="numeric" value={port} onChange={(event) => setPort(event.target.value)} data-testid="smtp-port" />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${base}-security`}>
            {t('security')}
          </label>
          <select id={`${base}-security`} className="input" value={security} onChange={(event) => setSecurity(event.target.value as Security)} data-testid="smtp-security">
            {SMTP_SECURITY.map((option) => (
              <option key={option} value={option}>
                {t(SECURITY_KEYS[option])}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${base}-user`}>
          {t('username')}
        </label>
        <input id={`${base}-user`} className="input" value={username} onChange={(event) => setUsername(event.target.value)} autoComplete="off" aria-describedby={`${base}-user-hint`} data-testid="smtp-username" />
        <span className="field__hint" id={`${base}-user-hint`}>
          {t('usernameHint')}
        </span>
      </div>
      <fieldset className="reports__formats" data-testid="smtp-password-state" data-stored={current?.hasPassword ? 'yes' : 'no'}>
        <legend className="field__label">{t('password')}</legend>
        <p className="field__hint">{current?.hasPassword ? t('passwordStored') : t('passwordNone')}</p>
        {current?.hasPassword ? (
          <>
            <label className="reports__check">
              <input type="radio" name={`${base}-password`} checked={choice === 'keep'} onChange={() => setChoice('keep')} data-testid="smtp-password-keep" />
              {t('keepPassword')}
            </label>
            <label className="reports__check">
              <input type="radio" name={`${base}-password`} checked={choice === 'replace'} onChange={() => setChoice('replace')} data-testid="smtp-password-replace" />
              {t('replacePassword')}
            </label>
            <label className="reports__check">
              <input type="radio" name={`${base}-password`} checked={choice === 'remove'} onChange={() => setChoice('remove')} data-testid="smtp-password-remove" />
              {t('removePassword')}
            </label>
          </>
        ) : null}
        {choice === 'replace' ? (
          <div className="field">
            <label className="field__label" htmlFor={`${base}-password`}>
              {t('newPassword')}
            </label>
            <input id={`${base}-password`} className="input" type="password" value={password} autoComplete="new-password" onChange={(event) => setPassword(event.target.value)} data-testid="smtp-password" />
          </div>
        ) : null}
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor={`${base}-from`}>
          {t('from')}
        </label>
        <input id={`${base}-from`} className="input" type="email" value={from} onChange={(event) => setFrom(event.target.value)} data-testid="smtp-from" />
      </div>
      {problems.length === 0 ? null : (
        <ul className="form-error" role="alert" data-testid="smtp-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <div className="reports__actions">
        <button type="submit" className="button button--primary" disabled={runner.pending} data-testid="smtp-save">
          {t('saveSmtp')}
        </button>
      </div>
      <ActionFeedback feedback={runner.feedback} testId="smtp-feedback" onDismiss={runner.clear} />
    </form>
  );
}

/** The SMTP section: the settings in words for everyone, the form for who may change them. */
export function SmtpSection() {
  const settings = useQuery({ type: 'reports.smtp' });
  const canChange = useCan('reports.smtp');
  return (
    <section className="panel reports__section" aria-labelledby="reports-smtp-title" data-testid="smtp-section">
      <h2 id="reports-smtp-title" className="reports__subtitle">
        {t('smtp')}
      </h2>
      <p className="muted">{t('smtpIntro')}</p>
      {settings.status === 'loading' ? (
        <p role="status" aria-busy="true">
          <span className="spinner spinner--inline" aria-hidden="true" />
          {t('loadingSmtp')}
        </p>
      ) : null}
      {settings.status === 'error' ? (
        <div className="form-error" role="alert">
          <p>
            {t('smtpCannotBeShown')}: {settings.error}
          </p>
          <button type="button" className="button" onClick={settings.reload}>
            {t('tryAgain')}
          </button>
        </div>
      ) : null}
      {settings.status === 'ready' ? (
        <>
          {settings.value === null ? (
            <p className="reports__notice" data-testid="smtp-not-set">
              {t('smtpNotSet')}
            </p>
          ) : (
            <p data-testid="smtp-summary">
              {t('serverSummary', { host: settings.value.host, port: String(settings.value.port), security: t(SECURITY_KEYS[settings.value.security]), from: settings.value.from })}
            </p>
          )}
          {canChange ? <SmtpEditor current={settings.value} onSaved={settings.reload} /> : <p className="muted">{t('smtpOnlyUnscoped')}</p>}
        </>
      ) : null}
    </section>
  );
}
