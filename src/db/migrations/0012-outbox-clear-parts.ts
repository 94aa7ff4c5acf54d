import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// Secrets in messages (a verification code, a survey link) stay out of what staff can read. The
// outbox row keeps the masked rendering, which the case, the mailbox and the API show; the clear
// rendering the customer must receive lives beside it in outbox_clear_parts only until the message
// is delivered, and the delivery worker deletes it in the transaction that marks the message sent.
//
// Messages queued before this migration hold their secrets in the row itself: unsent ones get
// their clear copy moved here, and every one of them is masked the same way the code masks them
// now (six-digit codes in verification e-mails, the token of a survey link).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create table outbox_clear_parts (
  message_id text primary key references outbox_messages(id),
  subject text not null,
  text_body text not null,
  html_body text not null
);
`,
  );
  await runSqlScript(db, MASK_EARLIER_MESSAGES);
}

/** Moves the secrets of messages queued before this migration out of sight; running it again changes nothing. */
export const MASK_EARLIER_MESSAGES = `
insert into outbox_clear_parts (message_id, subject, text_body, html_body)
select id, subject, text_body, html_body from outbox_messages
where kind in ('verification_code', 'follow_up_survey') and state <> 'sent'
  and not exists (select 1 from outbox_clear_parts c where c.message_id = outbox_messages.id)
  and strpos(subject || text_body || html_body, '••••••') = 0;

update outbox_messages set
  subject = regexp_replace(subject, '(^|[^0-9])[0-9]{6}([^0-9]|$)', '\\1••••••\\2', 'g'),
  text_body = regexp_replace(text_body, '(^|[^0-9])[0-9]{6}([^0-9]|$)', '\\1••••••\\2', 'g'),
  html_body = regexp_replace(html_body, '(^|[^0-9])[0-9]{6}([^0-9]|$)', '\\1••••••\\2', 'g')
where kind = 'verification_code';

update outbox_messages set
  subject = regexp_replace(subject, '(/|&#x2F;)s(/|&#x2F;)[A-Za-z0-9_-]{20,}', '\\1s\\2••••••••', 'g'),
  text_body = regexp_replace(text_body, '(/|&#x2F;)s(/|&#x2F;)[A-Za-z0-9_-]{20,}', '\\1s\\2••••••••', 'g'),
  html_body = regexp_replace(html_body, '(/|&#x2F;)s(/|&#x2F;)[A-Za-z0-9_-]{20,}', '\\1s\\2••••••••', 'g')
where kind = 'follow_up_survey';
`;

export async function down(): Promise<void> {
  throw new Error('0012-outbox-clear-parts is forward-only');
}
