import nodemailer from 'nodemailer';

/** What a transport needs to send one message. */
export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  language: 'de' | 'en';
}

export interface SendResult {
  transport: 'smtp' | 'mailbox';
  providerMessageId: string | null;
}

/** Delivers a message or throws; the worker records the outcome. */
export interface MailTransport {
  readonly name: 'smtp' | 'mailbox';
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

export const DEFAULT_FROM = 'kulanz <no-reply@kulanz.test>';

/** SMTP through nodemailer, pooled so a busy outbox keeps a few connections open. */
export function smtpTransport(url: string, from: string = DEFAULT_FROM): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 4,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    name: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // a stable Message-ID: if a crash makes us send twice, mail systems can tell it is one message
        messageId: `<${mail.id}@kulanz>`,
        headers: { 'Content-Language': mail.language, 'X-Kulanz-Message-Id': mail.id },
      });
      return { transport: 'smtp', providerMessageId: info.messageId ?? null };
    },
    close: () => transporter.close(),
  };
}

/**
 * Without SMTP the message is "delivered" into the built-in mailbox: it stays in the outbox as
 * sent via 'mailbox', and leads and admins read it on the mailbox page. Nothing is dropped.
 */
export function mailboxTransport(): MailTransport {
  return {
    name: 'mailbox',
    send: async () => ({ transport: 'mailbox', providerMessageId: null }),
    close: () => {},
  };
}
