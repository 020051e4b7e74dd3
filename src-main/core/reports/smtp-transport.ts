/**
 * Sending one mail through the configured SMTP server with nodemailer: TLS from the first byte,
 * STARTTLS required, or plain (a relay on the local network); a login when a user name is set.
 * Every wait is bounded, so a stuck server fails a run instead of holding it (or the core's close)
 * forever; `abort` ends the connections at once.
 */
import nodemailer from 'nodemailer';
import type { StoredSmtp } from './report-repository.js';

/** How long each step may wait on the server. */
export const SMTP_TIMEOUTS_MS = { connection: 10_000, greeting: 10_000, socket: 30_000 } as const;

export interface MailAttachment {
  readonly filename: string;
  readonly content: Buffer;
  readonly contentType: string;
}

export interface OutgoingMail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly MailAttachment[];
}

/** What sends a report's mail: nodemailer in the console, the same in tests against a real server. */
export interface MailSender {
  send(settings: StoredSmtp, password: string | null, mail: OutgoingMail): Promise<void>;
  /** Ends every connection still open (the core is closing). */
  abort(): void;
}

/** The nodemailer sender. */
export function createSmtpSender(): MailSender {
  const open = new Set<{ close(): void }>();
  return {
    async send(settings, password, mail) {
      const transport = nodemailer.createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.security === 'tls',
        requireTLS: settings.security === 'starttls',
        ignoreTLS: settings.security === 'none',
        ...(settings.username === '' ? {} : { auth: { user: settings.username, pass: password ?? '' } }),
        connectionTimeout: SMTP_TIMEOUTS_MS.connection,
        greetingTimeout: SMTP_TIMEOUTS_MS.greeting,
        socketTimeout: SMTP_TIMEOUTS_MS.socket,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      open.add(transport);
      try {
        await transport.sendMail({
          from: settings.from,
          to: [...mail.to],
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          attachments: mail.attachments.map((attachment) => ({ ...attachment })),
        });
      } finally {
        open.delete(transport);
        transport.close();
      }
    },
    abort() {
      for (const transport of open) transport.close();
      open.clear();
    },
  };
}

/** An SMTP failure in words a supervisor can act on (the server's own reply kept). */
export function describeSmtpError(error: unknown, settings: StoredSmtp): string {
  const failure = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const server = `${settings.host}:${settings.port}`;
  const reply = failure.response ? ` The server said: ${failure.response.trim()}` : '';
  switch (failure.code) {
    case 'EAUTH':
      return `The SMTP server ${server} refused the login of "${settings.username}".${reply}`;
    case 'ECONNECTION':
    case 'ESOCKET':
      return `Could not connect to the SMTP server ${server}: ${failure.message ?? 'connection failed'}.`;
    case 'ETIMEDOUT':
      return `The SMTP server ${server} did not answer in time.`;
    case 'EENVELOPE':
      return `The SMTP server ${server} refused the sender or a recipient.${reply}`;
    case 'ETLS':
      return `The TLS handshake with the SMTP server ${server} failed: ${failure.message ?? 'TLS error'}.`;
    default:
      return `Sending through the SMTP server ${server} failed: ${failure.message ?? String(error)}`;
  }
}
