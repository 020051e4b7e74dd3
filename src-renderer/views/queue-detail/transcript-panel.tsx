/**
 * The live transcript of one conversation: its header, the lines as they arrive (following the
 * bottom unless the reader scrolled up), who else is watching, and the supervisor's controls
 * (whisper, takeover with confirmation, reply once owned), each shown only to roles that may use it.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TranscriptMessage } from '../../../src-shared/api/live-insights.js';
import type { TranscriptEntry } from '../../../src-shared/api/transcript.js';
import { useClient } from '../../hooks/client-context.js';
import { useConsole } from '../../hooks/store-context.js';
import { useCan, useSubscription } from '../../hooks/use-api.js';
import { useCoreNow } from '../../hooks/use-core-now.js';
import { coreNow } from '../../store/feed-slice.js';
import { issueCommand, newCommandId, UNKNOWN_YET_TEXT, type IssueOptions } from '../../client/commands.js';
import { checkAttempt, finishAttempt, idleAttempt, inFlight, startAttempt } from '../../components/command-attempt.js';
import type { CommandAttempt } from '../../components/command-attempt.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { formatClockTime, formatSeconds } from '../../components/conversations-model.js';
import { DetailState } from './detail-states.js';
import { MessageForm } from './message-form.js';
import { conversationStateLabel, deliveryFailureCount, initialTranscriptState, ownerLabel, isNearBottom, ownsConversation, presentEntry, reduceTranscript, watchersLine } from './transcript-model.js';
import type { TranscriptViewState } from './transcript-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

const channelLabels = { chat: 'Chat', voice: 'Voice' } as const;

function Entry({ entry, timeZone }: { readonly entry: TranscriptEntry; readonly timeZone: string }) {
  const presentation = presentEntry(entry);
  const failed = entry.kind === 'message' && entry.deliveryFailure !== null;
  return (
    <li
      className={`transcript-entry transcript-entry--${presentation.tone}${failed ? ' has-failure' : ''}`}
      data-testid="transcript-entry"
      data-kind={entry.kind === 'message' ? entry.messageKind : 'event'}
      data-sender={entry.kind === 'message' ? entry.sender : undefined}
      data-message-id={entry.kind === 'message' ? entry.messageId : undefined}
    >
      <div className="transcript-entry__meta">
        <span className="transcript-entry__label" data-testid="transcript-entry-label">
          {presentation.icon.length > 0 ? (
            <span className="transcript-entry__icon" aria-hidden="true">
              {presentation.icon}{' '}
            </span>
          ) : null}
          {presentation.label}
        </span>
        <time className="transcript-entry__time" dateTime={new Date(entry.at).toISOString()}>
          {formatClockTime(entry.at, timeZone)}
        </time>
      </div>
      <p className="transcript-entry__text">{entry.text}</p>
      {failed && entry.kind === 'message' ? (
        <p className="transcript-entry__failure" data-testid="delivery-failure">
          <span aria-hidden="true">✕ </span>{t('notDelivered')}{entry.deliveryFailure}
        </p>
      ) : null}
    </li>
  );
}

function TranscriptHeader({ state, receivedAt, owned, timeZone }: { readonly state: TranscriptViewState; readonly receivedAt: number; readonly owned: boolean; readonly timeZone: string }) {
  const now = useCoreNow();
  const header = state.header;
  if (header === null) return null;
  const handle = header.handleTimeSec === null ? null : header.state === 'assigned' ? header.handleTimeSec + Math.max(0, now - receivedAt) / 1000 : header.handleTimeSec;
  const failures = deliveryFailureCount(state);
  const owner = ownerLabel(header, owned);
  return (
    <dl className="transcript-header" data-testid="transcript-header" data-state={header.state}>
      <div>
        <dt>{header.supervisorId !== null ? t('owner') : t('agent2')}</dt>
        <dd data-testid="transcript-owner">{owner}</dd>
      </div>
      <div>
        <dt>{t('channel')}</dt>
        <dd>
          <span className={`channel-badge channel-badge--${header.channel}`}>{channelLabels[header.channel]}</span>
        </dd>
      </div>
      <div>
        <dt>{t('intent')}</dt>
        <dd>{header.intent}</dd>
      </div>
      <div>
        <dt>{t('queue2')}</dt>
        <dd>{header.queueName}</dd>
      </div>
      <div>
        <dt>{t('handleTime')}</dt>
        <dd data-testid="transcript-handle-time">{formatSeconds(handle)}</dd>
      </div>
      <div>
        <dt>{t('assigned')}</dt>
        <dd>{header.assignedAt === null ? '–' : formatClockTime(header.assignedAt, timeZone)}</dd>
      </div>
      <div>
        <dt>{t('state')}</dt>
        <dd data-testid="transcript-state">{conversationStateLabel(header, owned)}</dd>
      </div>
      <div className={failures > 0 ? 'has-failure' : undefined}>
        <dt>{t('deliveryFailures')}</dt>
        <dd data-testid="transcript-delivery-failures">
          {failures > 0 ? <span aria-hidden="true">✕ </span> : null}
          {failures}
        </dd>
      </div>
    </dl>
  );
}

/** The lines, following the bottom while the reader is there; scrolling up pauses that and offers a jump back. */
function TranscriptLog({ entries, timeZone }: { readonly entries: readonly TranscriptEntry[]; readonly timeZone: string }) {
  const list = useRef<HTMLOListElement>(null);
  const following = useRef(true);
  const [unseen, setUnseen] = useState(0);
  const seenCount = useRef(entries.length);

  useLayoutEffect(() => {
    const element = list.current;
    if (element === null) return;
    if (following.current) {
      element.scrollTop = element.scrollHeight;
      seenCount.current = entries.length;
      setUnseen(0);
    } else {
      setUnseen(Math.max(0, entries.length - seenCount.current));
    }
  }, [entries]);

  const onScroll = (): void => {
    const element = list.current;
    if (element === null) return;
    following.current = isNearBottom(element.scrollTop, element.clientHeight, element.scrollHeight);
    if (following.current) {
      seenCount.current = entries.length;
      setUnseen(0);
    }
  };
  const jumpToLatest = (): void => {
    const element = list.current;
    if (element === null) return;
    following.current = true;
    element.scrollTop = element.scrollHeight;
    seenCount.current = entries.length;
    setUnseen(0);
  };

  return (
    <div className="transcript-log">
      <ol className="transcript-log__list" ref={list} onScroll={onScroll} role="log" aria-label={t('transcript')} tabIndex={0} data-testid="transcript-entries" data-count={entries.length}>
        {entries.length === 0 ? <li className="detail-muted">{t('noMessageYet')}</li> : null}
        {entries.map((entry, index) => (
          <Entry key={entry.kind === 'message' ? entry.messageId : `event-${index}-${entry.at}`} entry={entry} timeZone={timeZone} />
        ))}
      </ol>
      {unseen > 0 ? (
        <button type="button" className="button transcript-log__jump" onClick={jumpToLatest} data-testid="transcript-jump">
          ↓ {t('newLines', { count: unseen })}
        </button>
      ) : null}
    </div>
  );
}

function TakeoverControl({ conversationId, onAcknowledged }: { readonly conversationId: string; readonly onAcknowledged: () => void }) {
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const [attempt, setAttempt] = useState<CommandAttempt>(idleAttempt);
  const confirm = (): void => {
    const started = startAttempt(attempt, newCommandId('takeover'));
    const commandId = started.commandId ?? '';
    setAttempt(started);
    const onUnknown = (): void => setAttempt((current) => checkAttempt(current, commandId));
    void issueCommand(client, { type: 'conversation.takeover', conversationId }, commandId, { onUnknown }).then((result) => {
      setAttempt((current) => finishAttempt(current, commandId, result));
      if (result.ok) {
        setConfirming(false);
        onAcknowledged();
      }
    });
  };
  const cancel = (): void => {
    setConfirming(false);
    // A cancelled retry is abandoned: the next takeover is a new command.
    setAttempt(idleAttempt);
  };
  return (
    <>
      <button type="button" className="button button--danger" onClick={() => setConfirming(true)} data-testid="takeover-button">
        {t('takeOver')}
      </button>
      {confirming ? (
        <ConfirmDialog
          title={t('takeOverThisConversation')}
          confirmLabel={attempt.status === 'failed' || attempt.status === 'unknown' ? t('retryTakeover') : t('takeOver2')}
          busy={inFlight(attempt)}
          error={attempt.status === 'failed' || attempt.status === 'unknown' ? attempt.error : attempt.status === 'checking' ? UNKNOWN_YET_TEXT : null}
          onConfirm={confirm}
          onCancel={cancel}
          testId="takeover-dialog"
        >
          <p>{t('theAgentLosesThis')}</p>
          <p>{t('theTakeoverIsRecorded')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** The panel. `onClose` runs on Esc and on the close button. Keyed by conversation in its parent. */
export function TranscriptPanel({ conversationId, timeZone, onClose }: { readonly conversationId: string; readonly timeZone: string; readonly onClose: () => void }) {
  const client = useClient();
  const canWhisper = useCan('live.whisper');
  const canTakeover = useCan('live.takeover');
  const userId = useConsole((store) => (store.session.status === 'ready' ? store.session.info.userId : null));
  const offset = useConsole((store) => store.feed.clockOffsetMs);
  const offsetRef = useRef(offset);
  offsetRef.current = offset;
  const [state, setState] = useState(initialTranscriptState);
  const [receivedAt, setReceivedAt] = useState(0);
  const [takeoverAcknowledged, setTakeoverAcknowledged] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const error = useSubscription({ topic: 'live.transcript', conversationId }, (message: TranscriptMessage) => {
    setReceivedAt(coreNow(Date.now(), offsetRef.current));
    setState((previous) => reduceTranscript(previous, message));
  });

  useEffect(() => {
    heading.current?.focus();
  }, []);

  // Esc closes the panel wherever the focus is on the page, unless a dialog (this panel's or another) takes it first.
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open], [aria-modal="true"]') !== null) return;
      event.preventDefault();
      onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  const owned = ownsConversation(state.header, userId, takeoverAcknowledged);
  const header = state.header;
  const active = header !== null && (header.state === 'assigned' || header.state === 'queued' || header.state === 'created');
  const watchers = watchersLine(state.watchers.map((watcher) => (watcher.userId === userId ? { ...watcher, displayName: `${watcher.displayName} (you)` } : watcher)));

  const whisper = useCallback(
    (text: string, commandId: string, options: IssueOptions) => issueCommand(client, { type: 'conversation.whisper', conversationId, text }, commandId, options),
    [client, conversationId],
  );
  const reply = useCallback(
    (text: string, commandId: string, options: IssueOptions) => issueCommand(client, { type: 'conversation.reply', conversationId, text }, commandId, options),
    [client, conversationId],
  );

  return (
    <aside className="transcript-panel" aria-labelledby="transcript-title" tabIndex={-1} data-testid="transcript-panel" data-conversation-id={conversationId} data-owned={owned}>
      <div className="transcript-panel__top">
        <h2 id="transcript-title" className="detail-section__title" tabIndex={-1} ref={heading}>
          {t('conversation2')}<span className="mono">{conversationId}</span>
        </h2>
        <button type="button" className="button button--quiet" onClick={onClose} aria-label={t('closeTheTranscriptEsc')} data-testid="transcript-close">
          {t('close')}
        </button>
      </div>
      {!state.loaded && error !== null ? (
        <DetailState kind="error" title={t('thisTranscriptCannotBe')} testId="transcript-error">
          <p>{error}</p>
        </DetailState>
      ) : null}
      {!state.loaded && error === null ? <DetailState kind="loading" title={t('openingTheTranscript')} testId="transcript-loading" /> : null}
      {state.loaded ? (
        <>
          {error === null ? null : (
            <p className="detail-inline-error" role="alert">
              {t('updatesStopped')}{error}
            </p>
          )}
          <TranscriptHeader state={state} receivedAt={receivedAt} owned={owned} timeZone={timeZone} />
          <p className="transcript-panel__watchers" data-testid="transcript-watchers">
            {watchers ?? t('noSupervisorIsWatching')}
          </p>
          {owned ? (
            <p className="owner-banner" role="status" data-testid="owner-banner">
              <span aria-hidden="true">★ </span>{t('youOwnThisConversation')}
            </p>
          ) : null}
          <TranscriptLog entries={state.entries} timeZone={timeZone} />
          {active && !owned && canWhisper ? (
            <MessageForm
              label={t('whisperToTheAgent')}
              placeholder={t('suggestAReplyA')}
              sendLabel={t('whisper')}
              acknowledgedText={t('whisperSentToThe')}
              send={whisper}
              testId="whisper"
            />
          ) : null}
          {active && !owned && canTakeover ? (
            <div className="transcript-panel__actions">
              <TakeoverControl conversationId={conversationId} onAcknowledged={() => setTakeoverAcknowledged(true)} />
            </div>
          ) : null}
          {active && owned && canTakeover ? (
            <MessageForm label={t('replyToTheCustomer')} placeholder={t('writeToTheCustomer')} sendLabel={t('sendReply')} acknowledgedText={t('replySentToThe')} send={reply} testId="reply" />
          ) : null}
        </>
      ) : null}
    </aside>
  );
}
