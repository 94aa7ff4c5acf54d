import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// The documentation of a refund request: files staff attach to it (images and PDF), stored in
// the database with what the server found them to be by their bytes (never by their name), their
// sha256 and size, who attached them and when. Evidence is a record, like the audit log: rows are
// never changed or deleted (the append-only trigger), so what a lead decided on stays what it was.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create table refund_request_evidence (
  id text primary key,
  request_id text not null references refund_requests(id),
  file_name text not null check (length(file_name) between 1 and 255),
  content_type text not null
    check (content_type in ('image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf')),
  size_bytes integer not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null check (octet_length(content) = size_bytes),
  uploaded_by text not null references staff_users(id),
  uploaded_at timestamptz not null
);
create index refund_request_evidence_request on refund_request_evidence (request_id, uploaded_at, id);
create trigger refund_request_evidence_append_only before update or delete on refund_request_evidence
  for each row execute function kulanz_refuse_change();
create trigger refund_request_evidence_no_truncate before truncate on refund_request_evidence
  for each statement execute function kulanz_refuse_change();
`,
  );
}
