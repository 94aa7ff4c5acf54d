import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script';

// The refund policy is versioned data. A published version never changes, and every evaluation
// records the version it used, so policy_versions is append-only like the audit log (the same
// trigger; the app role gets no UPDATE or DELETE on it). What an admin is still editing lives in
// policy_drafts, one draft at a time, based on the version it changes; publishing inserts the next
// version and removes the draft in one transaction.
//
// Version 1 is the policy kulanz ships with, written out here as it was on the day this migration
// landed (modules/policy/default-policy.ts may change later; this record must not).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(
    db,
    `
create table policy_versions (
  version integer primary key check (version >= 1),
  effective_from date not null,
  document jsonb not null check ((document->>'version')::integer = version),
  published_by text references staff_users(id),
  published_at timestamptz not null
);
create index policy_versions_effective on policy_versions (effective_from, version);
create trigger policy_versions_append_only before update or delete on policy_versions
  for each row execute function kulanz_refuse_change();
create trigger policy_versions_no_truncate before truncate on policy_versions
  for each statement execute function kulanz_refuse_change();

create table policy_drafts (
  only_one boolean primary key default true check (only_one),
  based_on integer not null references policy_versions(version),
  document jsonb not null,
  updated_by text not null references staff_users(id),
  updated_at timestamptz not null
);

insert into policy_versions (version, effective_from, document, published_by, published_at)
values (1, '2026-01-01', '${FIRST_POLICY}'::jsonb, null, now());
`,
  );
}

/** The first published refund policy (modules/policy/default-policy.ts on 3 December 2026). */
const FIRST_POLICY = JSON.stringify({
  version: 1,
  effectiveFrom: '2026-01-01',
  currency: 'EUR',
  timeZone: 'Europe/Berlin',
  returnWindows: {
    subscription: {
      days: 7,
      from: 'purchase',
    },
    physical: {
      days: 30,
      from: 'delivery',
    },
    service: {
      days: 14,
      from: 'purchase',
    },
  },
  nonRefundableCategories: ['digital'],
  restockingFee: {
    bps: {
      subscription: 0,
      digital: 0,
      physical: 1000,
      service: 0,
    },
    appliesTo: ['return_window'],
  },
  guarantee: {
    enabled: true,
    days: 30,
  },
  proRata: {
    intervals: ['annual'],
    method: 'unused_whole_months',
  },
  withdrawal: {
    days: 14,
    consentExceptionCategories: ['digital'],
  },
  defects: {
    warrantyMonths: 24,
    reasonCodes: ['defect', 'not_as_described'],
  },
  goodwill: {
    maxPerRequestMinor: 25000,
    perCustomer12Months: {
      maxCount: 3,
      maxAmountMinor: 50000,
    },
  },
  approvalLimits: {
    inPolicy: {
      agent: 25000,
      lead: 200000,
      admin: null,
    },
    exception: {
      agent: 0,
      lead: 50000,
      admin: null,
    },
  },
  reasons: {
    not_satisfied: {
      de: 'Nicht zufrieden, kein Nutzen',
      en: 'Not satisfied, no value',
      points: 10,
    },
    poor_support: {
      de: 'Schlechte Erfahrung mit dem Support',
      en: 'Poor support experience',
      points: 40,
    },
    trial_only: {
      de: 'Nur innerhalb der Garantie getestet',
      en: 'Only trying it within the guarantee',
      points: 0,
    },
    defect: {
      de: 'Defekt',
      en: 'Defect',
      points: 80,
    },
    not_as_described: {
      de: 'Nicht wie beschrieben',
      en: 'Not as described',
      points: 60,
    },
    not_delivered: {
      de: 'Verspätet oder nicht geliefert',
      en: 'Late or not delivered',
      points: 80,
    },
    duplicate_charge: {
      de: 'Doppelt abgebucht',
      en: 'Duplicate charge',
      points: 100,
    },
    changed_mind: {
      de: 'Meinung geändert',
      en: 'Changed mind',
      points: -30,
    },
    price: {
      de: 'Preis',
      en: 'Price',
      points: -40,
    },
    other: {
      de: 'Sonstiges',
      en: 'Other',
      points: 0,
    },
  },
  scoring: {
    weights: {
      reason: 3,
      productType: 1,
      daysPastWindow: 3,
      tenure: 2,
      lifetimeValue: 2,
      priorRefunds: 3,
      complaints: 1,
      verification: 1,
    },
    unknownReasonPoints: 0,
    productTypePoints: {
      subscription: 20,
      digital: -40,
      physical: 0,
      service: -20,
    },
    daysPastWindowFullPenaltyDays: 60,
    tenureFullCreditDays: 1095,
    lifetimeValueFullCreditMinor: 100000,
    pointsPerPriorRefund: -40,
    pointsPerComplaint: -20,
    verificationPoints: {
      verified: 50,
      override: 0,
      expired: -50,
      unverified: -100,
    },
    approveFrom: 30,
    partialFrom: 0,
    partialShareBps: 5000,
  },
  abuse: {
    repeatedRefundsCount: 3,
    afterRenewalDays: 3,
    burstDays: 30,
    burstCount: 3,
    justUnderMarginBps: 1000,
    justUnderOccurrences: 3,
  },
});

export async function down(): Promise<void> {
  throw new Error('0014-refund-policy is forward-only');
}
