/**
 * Connection settings (#/connection): which feed this console reads, the saved feeds to switch to
 * (a shared workstation: each supervisor's own token, so each sees only their scope), adding or
 * changing a feed, and forgetting one. Tokens are never shown: only whether one is kept.
 */
import { useState } from 'react';
import type { ConnectionOverview, ConnectionSummary } from '../../../src-shared/api/connection.js';
import { useCommand } from '../../hooks/use-command.js';
import { connectionTitle } from './connection-model.js';
import { FeedForm } from './feed-form.js';
import { LocaleSelect } from '../../shell/locale-select.js';
import { SwitchNotice } from './first-run.js';
import { useConnections, useSwitcher, type Switcher } from './use-connections.js';
import { useT } from '../../i18n/translate.js';

const t = useT('connection');

export function ConnectionView() {
  const connections = useConnections();
  const switcher = useSwitcher();
  const [editing, setEditing] = useState<ConnectionSummary | 'new' | null>(null);
  return (
    <section className="view connection-view" aria-labelledby="view-title" data-testid="connection-view">
      <header className="view__header">
        <h1 id="view-title" className="view__title">
          {t('connection')}
        </h1>
        <p className="muted">{t('theFeedThisConsole')}</p>
      </header>
      {connections.status === 'loading' ? (
        <div className="state-message" role="status" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          <p>{t('loadingConnections')}</p>
        </div>
      ) : null}
      {connections.status === 'error' ? (
        <div className="state-message" role="alert" data-testid="connection-error">
          <h2 className="state-message__title">{t('connectionsCannotBeShown')}</h2>
          <p className="state-message__body">{connections.error}</p>
          <button type="button" className="button" onClick={connections.reload}>
            {t('tryAgain')}
          </button>
        </div>
      ) : null}
      {connections.status === 'ready' ? (
        <>
          <SwitchNotice switchingTo={switcher.switchingTo} error={switcher.error} />
          <ConnectionList overview={connections.value} switcher={switcher} onEdit={setEditing} onForgotten={connections.reload} />
          {editing === null ? (
            <button type="button" className="button" onClick={() => setEditing('new')} data-testid="add-feed">
              {t('addAFeed')}
            </button>
          ) : (
            <section className="panel connection-view__form" aria-labelledby="feed-form-title">
              <h2 id="feed-form-title" className="connection-view__subtitle">
                {editing === 'new' ? t('addAFeedTitle') : t('changeFeed', { label: editing.label })}
              </h2>
              <FeedForm
                key={editing === 'new' ? 'new' : editing.connectionId}
                editing={editing === 'new' ? null : editing}
                submitLabel={t('saveAndUse')}
                busy={switcher.switchingTo !== null}
                onSaved={(saved) => void switcher.use(saved.connectionId, saved.label)}
              />
              <button type="button" className="link-button" onClick={() => setEditing(null)}>
                {t('cancel')}
              </button>
            </section>
          )}
        </>
      ) : null}
      <LocaleSelect />
    </section>
  );
}

function ConnectionList(props: { readonly overview: ConnectionOverview; readonly switcher: Switcher; readonly onEdit: (connection: ConnectionSummary) => void; readonly onForgotten: () => void }) {
  const { overview, switcher } = props;
  const [demoUser, setDemoUser] = useState<string>('');
  const save = useCommand();
  const [confirming, setConfirming] = useState<string | null>(null);
  const busy = switcher.switchingTo !== null || save.pending;

  const useEmbedded = async (connection: ConnectionSummary): Promise<void> => {
    const wanted = demoUser.length > 0 ? demoUser : connection.demoUserId;
    if (wanted !== connection.demoUserId) {
      const saved = await save.run({ type: 'connection.save', connection: { kind: 'embedded', demoUserId: wanted } }, { pending: t('saving'), describe: () => '' });
      if (!saved.ok) return;
    }
    await switcher.use(connection.connectionId, 'the simulated floor');
  };

  const forget = async (connection: ConnectionSummary): Promise<void> => {
    const result = await save.run({ type: 'connection.forget', connectionId: connection.connectionId }, { pending: t('forgetting', { label: connection.label }), describe: () => t('forgot', { label: connection.label }) });
    setConfirming(null);
    if (result.ok) props.onForgotten();
  };

  return (
    <>
      {overview.setByFlags ? <p className="connection-view__note">{t('thisRunSFeed')}</p> : null}
      <ul className="connection-list" aria-label={t('connections')} data-testid="connection-list">
        {overview.connections.map((connection) => {
          const inUse = connection.connectionId === overview.currentId;
          return (
            <li key={connection.connectionId} className={`connection-item${inUse ? ' connection-item--current' : ''}`} data-testid="connection-item" data-connection-id={connection.connectionId}>
              <div className="connection-item__text">
                <span className="connection-item__title">{connectionTitle(connection)}</span>
                <span className="connection-item__detail">
                  {connection.url ?? t('builtIn')}
                  {connection.kind === 'remote' ? (connection.hasToken ? t('tokenKept2') : t('noToken')) : ''}
                </span>
              </div>
              <div className="connection-item__actions">
                {inUse ? <span className="role-badge">{t('inUse')}</span> : null}
                {connection.kind === 'embedded' && overview.demoUsers.length > 0 ? (
                  <label className="field connection-item__user">
                    <span className="field__label">{t('signInAs')}</span>
                    <select className="input" value={demoUser.length > 0 ? demoUser : (connection.demoUserId ?? '')} onChange={(event) => setDemoUser(event.target.value)}>
                      {overview.demoUsers.map((user) => (
                        <option key={user.userId} value={user.userId}>
                          {user.displayName} ({user.role})
                        </option>
                      ))}
                    </select>
                  </label>
                ) : null}
                {connection.kind === 'embedded' && (!inUse || overview.demoUsers.length > 0) ? (
                  <button type="button" className="button button--small" disabled={busy} onClick={() => void useEmbedded(connection)}>
                    {inUse ? t('switchUser') : t('use')}
                  </button>
                ) : null}
                {connection.kind === 'remote' && !inUse ? (
                  <button type="button" className="button button--small" disabled={busy} onClick={() => void switcher.use(connection.connectionId, connection.label)} aria-label={t('useLabel', { label: connection.label })}>
                    {t('use')}
                  </button>
                ) : null}
                {connection.kind === 'remote' && connection.connectionId !== 'flags' ? (
                  <button type="button" className="button button--small button--quiet" disabled={busy} onClick={() => props.onEdit(connection)} aria-label={t('changeFeed', { label: connection.label })}>
                    {t('change')}
                  </button>
                ) : null}
                {connection.kind === 'remote' && connection.connectionId !== 'flags' && !inUse ? (
                  confirming === connection.connectionId ? (
                    <button type="button" className="button button--small button--danger" disabled={busy} onClick={() => void forget(connection)} aria-label={t('reallyForgetLabelAnd', { label: connection.label })}>
                      {t('reallyForget')}
                    </button>
                  ) : (
                    <button type="button" className="button button--small button--quiet" disabled={busy} onClick={() => setConfirming(connection.connectionId)} aria-label={t('forgetLabel', { label: connection.label })}>
                      {t('forget')}
                    </button>
                  )
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {save.feedback.kind === 'error' ? (
        <p role="alert" className="form-error">
          {save.feedback.text}
        </p>
      ) : null}
    </>
  );
}
