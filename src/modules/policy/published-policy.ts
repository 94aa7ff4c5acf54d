import type { findPolicyVersion } from './policy.repository';
import { type PolicyDocument, policyDocument } from './policy.schemas';

/** A published refund policy as the desk uses it. */
export interface PublishedPolicy {
  version: number;
  effectiveFrom: string;
  document: PolicyDocument;
  publishedAt: Date;
  publishedBy: string | null;
}

type PolicyRow = NonNullable<Awaited<ReturnType<typeof findPolicyVersion>>>;

/** A stored version, its document parsed with the schema: what the evaluation gets is always valid. */
export function toPublishedPolicy(row: PolicyRow): PublishedPolicy {
  return {
    version: row.version,
    effectiveFrom: row.effective_from,
    document: policyDocument.parse(row.document),
    publishedAt: row.published_at,
    publishedBy: row.published_by,
  };
}
