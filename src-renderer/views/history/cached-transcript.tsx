/**
 * One cached conversation: every line with its sender and time in the queue's zone, whispers,
 * notes, system lines, delivery failures, transfers and takeovers marked with an icon and a word;
 * beside it the conversation's figures, survey answer and supervisor notes.
 */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { CachedTranscript as CachedTranscriptData, HistoryRow } from '../../../src-shared/api/history.js';
import type { ConversationNote, TranscriptEntry } from '../../../src-shared/api/transcript.js';
import { formatDuration } from '../../../src-shared/time.js';
import { useCan, useQuery } from '../../hooks/use-api.js';
import { useCommandIssuer } from '../../hooks/use-command-issuer.js';
import {
  CHANNEL_LABELS,
  DISPOSITION_LABELS,
  DURATION_FIELDS,
  DURATION_LABELS,
  FIGURE_METRICS,
  SENDER_LABELS,
  entryBadges,
  formatDateTime,
  formatTimeOfDay,
} from './history-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('history');

export interface CachedTranscriptProps {
  readonly conversationId: string;
  /** Zone of each queue, from the filter options; the transcript reads in the queue's zone. */
  readonly queueZones: ReadonlyMap<string, string>;
  readonly fallbackZone: string;
  readonly canExport: boolean;
  onClose(): void;
  onDownload(conversationId: string): void;
}

function Entry({ entry, timeZone }: { readonly entry: TranscriptEntry; readonly timeZone: string }) {
  const badges = entryBadges(entry);
  const markers = badges.map((badge) => badge.marker).join(' ');
  if (entry.kind === 'event') {
    return (
      <li className="history-transcript-line history-transcript-line--event" data-testid="transcript-entry" data-marker={markers} data-event={entry.event}>
        <time className="history-transcript-line__time" dateTime={new Date(entry.at).toISOString()}>
          {formatTimeOfDay(entry.at, timeZone)}
        </time>
        <span className="history-transcript-line__body">
          {badges.map((badge) => (
            <span key={badge.marker} className={`history-transcript-badge history-transcript-badge--${badge.marker}`}>
              <span className="history-transcript-badge__icon" aria-hidden="true" />
              {badge.marker === 'lifecycle' ? <span className="visually-hidden">{badge.label}</span> : badge.label}
            </span>
          ))}
          <span className="history-transcript-line__text">{entry.text}</span>
        </span>
      </li>
    );
  }
  return (
    <li className={`history-transcript-line history-transcript-line--${entry.sender} history-transcript-line--${entry.messageKind}`} data-testid="transcript-entry" data-marker={markers} data-sender={entry.sender}>
      <time className="history-transcript-line__time" dateTime={new Date(entry.at).toISOString()}>
        {formatTimeOfDay(entry.at, timeZone)}
      </time>
      <span className="history-transcript-line__body">
        <span className="history-transcript-line__sender">
          {SENDER_LABELS[entry.sender]}
          {entry.senderId === null ? null : <span className="history-transcript-line__sender-id"> · {entry.senderName ?? entry.senderId}</span>}
        </span>
        {badges.map((badge) => (
          <span key={badge.marker} className={`history-transcript-badge history-transcript-badge--${badge.marker}`} data-testid={`transcript-badge-${badge.marker}`}>
            <span className="history-transcript-badge__icon" aria-hidden="true" />
            {badge.label}
          </span>
        ))}
        <span className="history-transcript-line__text">{entry.text}</span>
      </span>
    </li>
  );
}

function Figures({ row, timeZone }: { readonly row: HistoryRow; readonly timeZone: string }) {
  return (
    <dl className="history-transcript-figures" data-testid="transcript-figures">
      <div>
        <dt>{t('started')}</dt>
        <dd>{formatDateTime(row.createdAt, timeZone)}</dd>
      </div>
      <div>
        <dt>{t('ended')}</dt>
        <dd>{row.endedAt === null ? '–' : formatDateTime(row.endedAt, timeZone)}</dd>
      </div>
      {DURATION_FIELDS.map((field) => (
        <div key={field}>
          <dt>{DURATION_LABELS[field]}</dt>
          <dd>
            <a className="history-figure" href={`#/dictionary/${FIGURE_METRICS[field]}`} title={t('whatIsThis')}>
              {formatDuration(row[field])}
            </a>
          </dd>
        </div>
      ))}
      <div>
        <dt>{t('csat')}</dt>
        <dd>
          <a className="history-figure" href={`#/dictionary/${FIGURE_METRICS.csat}`} title={t('whatIsThis')} data-testid="transcript-csat">
            {row.csat === null ? '–' : `${row.csat} / 5`}
          </a>
        </dd>
      </div>
      <div>
        <dt>{t('outcome')}</dt>
        <dd>{row.disposition === null ? row.state : DISPOSITION_LABELS[row.disposition]}</dd>
      </div>
      <div>
        <dt>{t('messages')}</dt>
        <dd>{row.messageCount}</dd>
      </div>
    </dl>
  );
}

function Notes({ conversationId, notes, timeZone }: { readonly conversationId: string; readonly notes: readonly ConversationNote[]; readonly timeZone: string }) {
  const issuer = useCommandIssuer();
  const canAdd = useCan('history.notes');
  const [added, setAdded] = useState<readonly ConversationNote[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const all = [...notes, ...added.filter((note) => !notes.some((known) => known.noteId === note.noteId))];

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (text.trim().length === 0) {
      setError(t('writeSomethingFirst'));
      return;
    }
    setSaving(true);
    // One id per note being written (the issuer keeps it until the note is saved), so a retried click applies once.
    const result = await issuer.send({ type: 'history.note.add', conversationId, text: text.trim() });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setAdded((previous) => [...previous, result.value]);
    setText('');
    setError(null);
  };

  return (
    <section className="panel history-transcript-panel" aria-labelledby="transcript-notes-title">
      <h2 id="transcript-notes-title" className="history-transcript-panel__title">
        {t('notes')}
      </h2>
      {all.length === 0 ? <p className="history-muted">{t('noNotesYet')}</p> : null}
      <ul className="history-transcript-notes">
        {all.map((note) => (
          <li key={note.noteId} className="history-transcript-note" data-testid="note" data-sent={note.sentToFeed}>
            <p className="history-transcript-note__meta">
              {note.authorName} · {formatDateTime(note.at, timeZone)}
            </p>
            <p className="history-transcript-note__text">{note.text}</p>
            {note.sentToFeed ? null : (
              <p className="history-transcript-note__pending" data-testid="note-pending">
                <span className="history-transcript-badge__icon history-transcript-badge__icon--pending" aria-hidden="true" />
                {t('savedLocallyWillBe')}
              </p>
            )}
          </li>
        ))}
      </ul>
      {canAdd ? (
        <form className="history-transcript-note-form" onSubmit={(event) => void submit(event)}>
          <label className="field__label" htmlFor="transcript-note-text">
            {t('addNote')}
          </label>
          <textarea
            id="transcript-note-text"
            className="input history-transcript-note-form__text"
            rows={3}
            maxLength={4000}
            value={text}
            data-testid="note-text"
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              // Enter submits like every form here; Shift+Enter keeps a line break.
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
          />
          {error === null ? null : (
            <p className="history-search__error" role="alert" data-testid="note-error">
              {error}
            </p>
          )}
          <button type="submit" className="button button--primary" disabled={saving} aria-busy={saving} data-testid="note-add">
            {t('addNote')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function TranscriptBody({ data, timeZone, queueZoneKnown }: { readonly data: CachedTranscriptData; readonly timeZone: string; readonly queueZoneKnown: boolean }) {
  const row = data.conversation;
  const customer = row.customer;
  return (
    <div className="history-transcript-layout">
      <section className="history-transcript-lines" aria-label={t('transcript')}>
        <p className="history-muted history-transcript-zone">{t('timesIn')}{queueZoneKnown ? t('theQueueSTime', { timeZone }) : timeZone}</p>
        {data.entries.length === 0 ? <p className="history-muted">{t('noMessagesCachedFor')}</p> : null}
        <ol className="history-transcript-list" data-testid="transcript-entries">
          {data.entries.map((entry, index) => (
            <Entry key={entry.kind === 'message' ? entry.messageId : `event-${index}`} entry={entry} timeZone={timeZone} />
          ))}
        </ol>
      </section>
      <aside className="history-transcript-side">
        <section className="panel history-transcript-panel" aria-labelledby="transcript-figures-title">
          <h2 id="transcript-figures-title" className="history-transcript-panel__title">
            {t('conversation')}
          </h2>
          <p className="history-transcript-meta">
            <span className={`channel-badge channel-badge--${row.channel}`}>{CHANNEL_LABELS[row.channel]}</span> {row.queueName} · {row.intent}
          </p>
          <p className="history-transcript-meta">{t('agent')}{row.agentName ?? '–'}</p>
          {customer === null ? null : (
            <p className="history-transcript-meta" data-testid="transcript-customer">
              {t('customer')}{[customer.name, customer.email, customer.phone, customer.customerId].filter((part) => part !== undefined && part.length > 0).join(' · ')}
            </p>
          )}
          <Figures row={row} timeZone={timeZone} />
        </section>
        <section className="panel history-transcript-panel" aria-labelledby="transcript-survey-title" data-testid="transcript-survey">
          <h2 id="transcript-survey-title" className="history-transcript-panel__title">
            {t('survey')}
          </h2>
          {data.survey === null ? (
            <p className="history-muted">{t('noSurveyAnswer')}</p>
          ) : (
            <>
              <p className="history-transcript-survey__rating">
                <strong>{data.survey.rating}</strong> / 5 · {formatDateTime(data.survey.at, timeZone)}
              </p>
              {data.survey.comment === null ? null : <blockquote className="history-transcript-survey__comment">{data.survey.comment}</blockquote>}
            </>
          )}
        </section>
        <Notes key={row.conversationId} conversationId={row.conversationId} notes={data.notes} timeZone={timeZone} />
      </aside>
    </div>
  );
}

/** The transcript view; Esc or "Back to results" closes it. */
export function CachedTranscript({ conversationId, queueZones, fallbackZone, canExport, onClose, onDownload }: CachedTranscriptProps) {
  const state = useQuery<'history.transcript'>({ type: 'history.transcript', conversationId });
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [conversationId]);
  const data = state.status === 'ready' && state.value.conversation.conversationId === conversationId ? state.value : null;
  const queueZone = data === null ? undefined : queueZones.get(data.conversation.queueId);
  const timeZone = queueZone ?? fallbackZone;
  // On the document, not the section: after a click the focus may be nowhere (body), and Esc must still close.
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('dialog[open]') !== null) return;
      const target = event.target;
      // Esc in a note being written clears nothing and closes nothing: the text would be lost.
      if (target instanceof HTMLTextAreaElement && target.value.length > 0) return;
      event.preventDefault();
      onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);
  return (
    <section className="history-transcript" aria-labelledby="transcript-title" data-testid="transcript" data-conversation-id={conversationId}>
      <header className="history-transcript__header">
        <button type="button" className="button" data-testid="transcript-close" onClick={onClose}>
          {t('backToResults')}
        </button>
        <h2 id="transcript-title" className="history-transcript__title" tabIndex={-1} ref={headingRef}>
          {t('conversation2')}<span className="history-transcript__id">{conversationId}</span>
        </h2>
        {canExport && data !== null ? (
          <button type="button" className="button" data-testid="transcript-download" onClick={() => onDownload(conversationId)}>
            {t('download')}
          </button>
        ) : null}
      </header>
      {state.status === 'error' ? (
        <div className="state-message" role="alert" data-testid="transcript-error">
          <h2 className="state-message__title">{t('thisConversationCannotBe')}</h2>
          <div className="state-message__body">
            <p>{state.error}</p>
          </div>
        </div>
      ) : data === null ? (
        <div className="state-message" role="status" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          <h2 className="state-message__title">{t('openingTheTranscript')}</h2>
        </div>
      ) : (
        <TranscriptBody data={data} timeZone={timeZone} queueZoneKnown={queueZone !== undefined} />
      )}
    </section>
  );
}
