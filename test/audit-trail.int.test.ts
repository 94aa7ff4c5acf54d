import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationRoutes } from './api/route-table';
import { type ApiWorld, buildWorld, loginFresh, WORLD_PASSWORD } from './api/world';
import {
  addPaidOrder,
  addSubscription,
  createAccount,
  createCase,
  DEFAULT_SECRETS,
  markVerified,
} from './factories';
import { startTestApp, type TestApp, type TestClient } from './harness';

// Every operation that changes something, run once successfully, writes exactly one audit event
// naming who did it and what it was done to. The operations come from Fastify's own route table: a
// changing route without a line here fails, and so does a line without a route. Other entities a
// change creates in the same transaction (the outbox message a note to the customer queues) keep
// their own record, declared here with why; nothing else may be written.

interface Fixtures {
  t: TestApp;
  w: ApiWorld;
}

/** What a change sends: a JSON body, or bytes with their content type in `headers`. */
interface Request {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Sent {
  status: number;
  body: any;
}

interface Audited {
  /** Who calls: a staff client (its user is the actor), or nobody (the actor is named in `actor`). */
  client: (f: Fixtures) => TestClient | Promise<TestClient>;
  /** Prepares what the change needs (not counted) and says what to send. */
  request: (f: Fixtures) => Request | Promise<Request>;
  /** The one event: its action, and the entity it names. */
  event: {
    action: string;
    entityType: string;
    entityId: (f: Fixtures, res: Sent) => string | Promise<string>;
  };
  /** When the client is not the actor (logging in, a customer answering). */
  actor?: (f: Fixtures) => { id: string | null; role: string };
  /** Records of other entities created in the same transaction, and why they are kept. */
  also?: Array<{ action: string; entityType: string; why: string }>;
}

/** Changes that save nothing and so record nothing, with why. */
const RECORDS_NOTHING: Record<
  string,
  { client: Audited['client']; request: Audited['request']; why: string }
> = {
  previewTemplate: {
    client: ({ w }) => w.clients.admin,
    request: ({ w }) => ({
      path: '/api/admin/templates/preview',
      body: {
        kind: 'case_update',
        language: 'de',
        caseNumber: w.caseNumber,
        subject: 'Vorschau',
        text: 'Text',
        html: '<p>x</p>',
      },
    }),
    why: 'renders a draft against a case or sample data; saves nothing',
  },
  simulatePolicy: {
    client: ({ w }) => w.clients.lead,
    request: () => ({
      path: '/api/policy-simulations',
      // the what-if: adjustments to the version in force, replayed and never saved
      body: { from: '2026-01-01', to: '2026-12-31', adjustments: { returnWindowDays: { physical: 45 } } },
    }),
    why: 'replays stored refund requests against a policy (a draft, a version, a what-if) and answers the summary; saves nothing',
  },
};

const QUEUED = {
  action: 'message.queued',
  entityType: 'message',
  why: 'the outbox message keeps its own record of what was queued to whom',
};

const staff = (role: 'agent' | 'lead' | 'admin') => (f: Fixtures) => f.w.clients[role];

const AUDITED: Record<string, Audited> = {
  logIn: {
    client: ({ t }) => t.anonymous(),
    request: ({ w }) => ({
      path: '/api/auth/login',
      body: { email: w.spareEmail, password: WORLD_PASSWORD },
    }),
    actor: ({ w }) => ({ id: w.ids.usr, role: 'agent' }),
    event: { action: 'staff.logged_in', entityType: 'staff_user', entityId: ({ w }) => w.ids.usr },
  },
  logOut: {
    client: ({ t, w }) => loginFresh(t, w.spareEmail, WORLD_PASSWORD),
    request: () => ({ path: '/api/auth/logout' }),
    event: { action: 'staff.logged_out', entityType: 'staff_user', entityId: ({ w }) => w.ids.usr },
  },
  updateMyProfile: {
    client: staff('agent'),
    request: () => ({ path: '/api/auth/me', body: { locale: 'en' } }),
    event: {
      action: 'staff.updated',
      entityType: 'staff_user',
      entityId: ({ w }) => w.clients.agent.user.id,
    },
  },
  createStaffUser: {
    client: staff('admin'),
    request: () => ({
      path: '/api/admin/staff',
      body: {
        email: `new.${Date.now()}@kulanz.test`,
        displayName: 'Nina Neu',
        role: 'agent',
        password: WORLD_PASSWORD,
      },
    }),
    event: { action: 'staff.created', entityType: 'staff_user', entityId: (_, res) => res.body.id },
  },
  updateStaffUser: {
    client: staff('admin'),
    request: ({ w }) => ({
      path: `/api/admin/staff/${w.ids.usr}`,
      body: { displayName: 'Sam Spare-Ersatz' },
    }),
    event: { action: 'staff.updated', entityType: 'staff_user', entityId: ({ w }) => w.ids.usr },
  },
  unlockStaffLogin: {
    client: staff('admin'),
    request: ({ w }) => ({ path: `/api/admin/staff/${w.ids.usr}/unlock-login` }),
    event: { action: 'staff.login_unlocked', entityType: 'staff_user', entityId: ({ w }) => w.ids.usr },
  },
  updateVerificationSettings: {
    client: staff('admin'),
    request: async ({ w }) => {
      const { factors, required, ttlMinutes } = (await w.clients.admin.get('/api/settings')).body
        .verification;
      return {
        path: '/api/admin/settings/verification',
        body: { factors, required, ttlMinutes: ttlMinutes + 5 },
      };
    },
    event: { action: 'settings.updated', entityType: 'setting', entityId: () => 'verification' },
  },
  updateDeskSettings: {
    client: staff('admin'),
    request: async ({ w }) => {
      const desk = (await w.clients.admin.get('/api/settings')).body.desk;
      return { path: '/api/admin/settings/desk', body: { ...desk, companyName: 'Kulanz Test AG' } };
    },
    event: { action: 'settings.updated', entityType: 'setting', entityId: () => 'desk' },
  },
  updateFollowUpSettings: {
    client: staff('admin'),
    request: () => ({ path: '/api/admin/settings/follow-up', body: { delayDays: 8, validDays: 14 } }),
    event: { action: 'settings.updated', entityType: 'setting', entityId: () => 'follow_up' },
  },
  updateCallScript: {
    client: staff('admin'),
    request: () => ({
      path: '/api/admin/settings/call-script',
      body: { de: 'Guten Tag, hier ist {{agent.name}}.', en: 'Hello, this is {{agent.name}}.' },
    }),
    event: { action: 'settings.updated', entityType: 'setting', entityId: () => 'call_script' },
  },
  updateAccountContact: {
    client: staff('agent'),
    request: ({ w }) => ({
      path: `/api/accounts/${w.ids.acc}/contact`,
      body: { caseId: w.ids.case, city: 'Potsdam' },
    }),
    event: { action: 'account.contact_changed', entityType: 'account', entityId: ({ w }) => w.ids.acc },
  },
  openCase: {
    client: staff('agent'),
    request: ({ w }) => ({
      path: '/api/cases',
      body: { accountId: w.ids.acc, type: 'inquiry', channel: 'phone' },
    }),
    event: { action: 'case.opened', entityType: 'case', entityId: (_, res) => res.body.id },
  },
  updateCase: {
    client: staff('agent'),
    request: ({ w }) => ({ path: `/api/cases/${w.ids.case}`, body: { subject: 'Rückfrage zur Rechnung' } }),
    event: { action: 'case.updated', entityType: 'case', entityId: ({ w }) => w.ids.case },
  },
  verifyCaller: {
    client: staff('agent'),
    request: ({ w }) => ({
      path: `/api/cases/${w.ids.case}/verification`,
      body: { subject: { type: 'holder' }, answers: DEFAULT_SECRETS },
    }),
    event: { action: 'verification.verified', entityType: 'case', entityId: ({ w }) => w.ids.case },
  },
  overrideVerification: {
    client: staff('lead'),
    request: ({ w }) => ({
      path: `/api/cases/${w.ids.case}/verification/override`,
      body: { reason: 'Kundin ist mir persönlich bekannt' },
    }),
    event: { action: 'verification.overridden', entityType: 'case', entityId: ({ w }) => w.ids.case },
  },
  unlockVerification: {
    client: staff('lead'),
    request: async ({ t, w }) => {
      const locked = await lockedAccount(t, w);
      return {
        path: `/api/accounts/${locked}/verification/unlock`,
        body: { reason: 'Identität telefonisch geklärt' },
      };
    },
    event: {
      action: 'verification.unlocked',
      entityType: 'account',
      entityId: () => lastLocked,
    },
  },
  sendEmailCode: {
    client: staff('agent'),
    request: ({ w }) => ({ path: `/api/cases/${w.ids.case}/verification/email-code` }),
    event: { action: 'verification.email_code_sent', entityType: 'case', entityId: ({ w }) => w.ids.case },
    also: [QUEUED],
  },
  writeNote: {
    client: staff('agent'),
    request: ({ w }) => ({
      path: '/api/notes',
      body: { accountId: w.ids.acc, caseId: w.ids.case, contactReason: 'Rückfrage', actionsTaken: 'Erklärt' },
    }),
    event: { action: 'note.written', entityType: 'note', entityId: (_, res) => res.body.id },
  },
  addNoteAddendum: {
    client: staff('agent'),
    request: ({ w }) => ({
      path: `/api/notes/${w.ids.note}/addenda`,
      body: { body: 'Nachtrag: Rückruf erfolgt' },
    }),
    event: { action: 'note.addendum_added', entityType: 'note', entityId: ({ w }) => w.ids.note },
  },
  completeCommitment: {
    client: staff('admin'),
    request: ({ w }) => ({ path: `/api/commitments/${w.ids.cmt}/done` }),
    event: { action: 'commitment.done', entityType: 'commitment', entityId: ({ w }) => w.ids.cmt },
  },
  reopenCommitment: {
    client: staff('admin'),
    request: async ({ w }) => {
      // done first (or already done by completeCommitment's run): only a kept promise reopens
      await w.clients.admin.post(`/api/commitments/${w.ids.cmt}/done`);
      return { path: `/api/commitments/${w.ids.cmt}/reopen` };
    },
    event: { action: 'commitment.reopened', entityType: 'commitment', entityId: ({ w }) => w.ids.cmt },
  },
  createRefundRequest: {
    client: staff('agent'),
    request: async ({ t, w }) => ({
      path: `/api/cases/${w.ids.case}/refund-requests`,
      body: refundRequestBody(await addPaidOrder(t, w.ids.acc, { totalMinor: 3000 })),
    }),
    event: {
      action: 'refund_request.created',
      entityType: 'refund_request',
      entityId: (_, res) => res.body.id,
    },
  },
  decideRefundRequest: {
    client: staff('agent'),
    request: async (f) => ({
      path: `/api/refund-requests/${await refundRequest(f)}/decision`,
      body: { action: 'approve', note: 'Widerruf innerhalb von 14 Tagen' },
    }),
    event: {
      action: 'refund_request.approved',
      entityType: 'refund_request',
      entityId: (_, res) => res.body.id,
    },
    also: [
      {
        action: 'payment.refund_booked',
        entityType: 'payment',
        why: 'billing records the booking on the payment it refunds, in the payout’s transaction',
      },
      {
        action: 'refund_request.executed',
        entityType: 'refund_request',
        why: 'the payout runs right after the decision commits, in its own transaction (the worker’s step), and records its outcome',
      },
      QUEUED,
    ],
  },
  escalateRefundRequest: {
    client: staff('agent'),
    request: async (f) => ({ path: `/api/refund-requests/${await refundRequest(f)}/escalate`, body: {} }),
    event: {
      action: 'refund_request.escalated',
      entityType: 'refund_request',
      entityId: (_, res) => res.body.id,
    },
  },
  addRefundEvidence: {
    client: staff('agent'),
    request: async (f) => {
      evidenceRequest = await refundRequest(f);
      return {
        path: `/api/refund-requests/${evidenceRequest}/evidence?name=foto.png`,
        body: Buffer.from(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
          'base64',
        ),
        headers: { 'content-type': 'application/octet-stream' },
      };
    },
    event: {
      action: 'refund_request.evidence_added',
      entityType: 'refund_request',
      entityId: () => evidenceRequest,
    },
  },
  resubmitRefundRequest: {
    client: staff('agent'),
    request: async (f) => {
      const id = await refundRequest(f);
      await f.w.clients.agent.post(`/api/refund-requests/${id}/escalate`, {});
      await f.w.clients.lead.post(`/api/refund-requests/${id}/decision`, {
        action: 'send_back',
        note: 'Bitte den Lieferschein beilegen',
      });
      return { path: `/api/refund-requests/${id}/resubmit`, body: { note: 'Lieferschein liegt vor' } };
    },
    event: {
      action: 'refund_request.resubmitted',
      entityType: 'refund_request',
      entityId: (_, res) => res.body.id,
    },
  },
  createOffer: {
    client: staff('admin'),
    request: () => ({
      path: '/api/admin/offers',
      body: { title: { de: '1 Monat Pause', en: '1 month pause' }, terms: { kind: 'pause', months: 1 } },
    }),
    event: { action: 'offer.created', entityType: 'retention_offer', entityId: (_, res) => res.body.id },
  },
  updateOffer: {
    client: staff('admin'),
    request: ({ w }) => ({
      path: `/api/admin/offers/${w.ids.ofr}`,
      body: {
        title: { de: 'Zwei Wochen geschenkt', en: 'Two weeks on us' },
        terms: { kind: 'extension', days: 14 },
      },
    }),
    event: { action: 'offer.updated', entityType: 'retention_offer', entityId: ({ w }) => w.ids.ofr },
  },
  reorderOffers: {
    client: staff('admin'),
    request: async ({ w }) => {
      const ids = (await w.clients.admin.get('/api/admin/offers')).body.items.map(
        (o: { id: string }) => o.id,
      );
      return { path: '/api/admin/offers/reorder', body: { ids: [...ids].reverse() } };
    },
    event: {
      action: 'offer.reordered',
      entityType: 'retention_offer',
      entityId: (_, res) => res.body.items[0].id,
    },
  },
  updateOfferHoldout: {
    client: staff('admin'),
    request: () => ({ path: '/api/admin/offers/holdout', body: { percent: 0 } }),
    event: { action: 'offer.holdout_changed', entityType: 'offer_settings', entityId: () => 'holdout' },
  },
  presentCaseOffers: {
    client: staff('agent'),
    request: async (f) => {
      const c = await offerCase(f);
      return {
        path: `/api/cases/${c.caseId}/offers/present`,
        body: { subscriptionId: c.subscriptionId, reasonCode: 'other' },
      };
    },
    event: { action: 'offers.presented', entityType: 'case', entityId: () => lastOfferCase.caseId },
  },
  respondToCaseOffer: {
    client: staff('agent'),
    request: async (f) => {
      const c = await offerCase(f);
      const shown = await f.w.clients.agent.post(`/api/cases/${c.caseId}/offers/present`, {
        subscriptionId: c.subscriptionId,
        reasonCode: 'other',
      });
      // the world's offer (an extension for everyone), whatever else is shown before it
      const offerId = shown.body.offers.find((o: { offerId: string }) => o.offerId === f.w.ids.ofr).offerId;
      lastOfferId = offerId;
      return {
        path: `/api/cases/${c.caseId}/offers/${offerId}/respond`,
        body: { subscriptionId: c.subscriptionId, response: 'accepted' },
      };
    },
    event: { action: 'offer.accepted', entityType: 'retention_offer', entityId: () => lastOfferId },
    also: [
      {
        action: 'subscription.extended',
        entityType: 'subscription',
        why: 'billing records the change it makes to the subscription, in the acceptance’s transaction',
      },
    ],
  },
  sendWeeklyDigest: {
    client: staff('admin'),
    request: () => ({ path: '/api/insights/weekly-digest/send', body: {} }),
    event: {
      action: 'insights.weekly_digest_sent',
      entityType: 'weekly_digest',
      entityId: (_f, res) => res.body.weekStart,
    },
    also: [QUEUED],
  },
  sendCaseMessage: {
    client: staff('agent'),
    request: ({ w }) => ({
      path: `/api/cases/${w.ids.case}/messages`,
      body: { body: 'Ihre Erstattung ist unterwegs.' },
    }),
    event: { action: 'case.message_written', entityType: 'case', entityId: ({ w }) => w.ids.case },
    also: [QUEUED],
  },
  retryMessage: {
    client: staff('admin'),
    request: async ({ t, w }) => {
      await t.db
        .updateTable('outbox_messages')
        .set({ state: 'failed' })
        .where('id', '=', w.ids.msg)
        .execute();
      return { path: `/api/admin/messages/${w.ids.msg}/retry` };
    },
    event: { action: 'message.retried', entityType: 'message', entityId: ({ w }) => w.ids.msg },
  },
  saveTemplate: {
    client: staff('admin'),
    request: () => ({
      path: '/api/admin/templates/case_update/de',
      body: { subject: 'Neues zu Ihrem Anliegen', text: '{{message.body}}', html: '<p>{{message.body}}</p>' },
    }),
    event: { action: 'template.updated', entityType: 'message_template', entityId: () => 'case_update/de' },
  },
  resetTemplate: {
    client: staff('admin'),
    request: () => ({ path: '/api/admin/templates/case_update/de' }),
    event: { action: 'template.reset', entityType: 'message_template', entityId: () => 'case_update/de' },
  },
  savePolicyDraft: {
    client: staff('admin'),
    request: async ({ w }) => {
      const { newest, draft } = (await w.clients.admin.get('/api/admin/policy')).body;
      const token = draft ? `&draftUpdatedAt=${encodeURIComponent(draft.updatedAt)}` : '';
      const document = {
        ...newest.document,
        returnWindows: { ...newest.document.returnWindows, physical: { days: 45, from: 'delivery' } },
      };
      return { path: `/api/admin/policy/draft?basedOn=${newest.version}${token}`, body: document };
    },
    event: {
      action: 'policy.draft_saved',
      entityType: 'policy_version',
      entityId: (_, res) => String(res.body.draft.version),
    },
  },
  discardPolicyDraft: {
    client: staff('admin'),
    request: async ({ w }) => {
      lastDraftVersion = (await policyDraft(w)).version;
      return { path: '/api/admin/policy/draft' };
    },
    event: {
      action: 'policy.draft_discarded',
      entityType: 'policy_version',
      entityId: () => String(lastDraftVersion),
    },
  },
  publishPolicy: {
    client: staff('admin'),
    request: async ({ w }) => {
      const draft = await policyDraft(w);
      const { today } = (await w.clients.admin.get('/api/admin/policy')).body;
      return {
        path: '/api/admin/policy/publish',
        body: { effectiveFrom: today, draftUpdatedAt: draft.updatedAt },
      };
    },
    event: {
      action: 'policy.published',
      entityType: 'policy_version',
      entityId: (_, res) => String(res.body.newest.version),
    },
  },
  scheduleFollowUp: {
    client: staff('agent'),
    request: async ({ w }) => ({ path: `/api/cases/${await freshCase(w)}/follow-up`, body: {} }),
    event: { action: 'follow_up.scheduled', entityType: 'survey', entityId: (_, res) => res.body.id },
  },
  cancelFollowUp: {
    client: staff('agent'),
    request: async ({ w }) => {
      const caseId = await freshCase(w);
      lastScheduled = (await w.clients.agent.post(`/api/cases/${caseId}/follow-up`, {})).body.id;
      return { path: `/api/cases/${caseId}/follow-up` };
    },
    event: { action: 'follow_up.cancelled', entityType: 'survey', entityId: () => lastScheduled },
  },
  saveCancellationReason: {
    client: staff('admin'),
    request: () => ({
      path: '/api/admin/cancellation-reasons/other',
      body: { labelDe: 'Anderer Grund', labelEn: 'Another reason' },
    }),
    event: {
      action: 'cancellation_reason.revised',
      entityType: 'cancellation_reason',
      entityId: () => 'other',
    },
  },
  startCancellation: {
    client: staff('agent'),
    request: async ({ t, w }) => ({
      path: `/api/cases/${w.ids.case}/cancellations`,
      body: cancellationBody((await addSubscription(t, w.ids.acc)).id),
    }),
    event: { action: 'cancellation.started', entityType: 'cancellation', entityId: (_, res) => res.body.id },
  },
  reviewCancellation: {
    client: staff('agent'),
    request: async (f) => ({
      path: `/api/cancellations/${await cancellationAt(f, 'reason')}/review`,
      body: { balanceDiscussed: false },
    }),
    event: { action: 'cancellation.reviewed', entityType: 'cancellation', entityId: () => lastCancellation },
  },
  explainCancellation: {
    client: staff('agent'),
    request: async (f) => ({
      path: `/api/cancellations/${await cancellationAt(f, 'review')}/explain`,
      body: { effective: 'period_end' },
    }),
    event: { action: 'cancellation.explained', entityType: 'cancellation', entityId: () => lastCancellation },
  },
  presentCancellationOffers: {
    client: staff('agent'),
    request: async (f) => ({ path: `/api/cancellations/${await cancellationAt(f, 'explain')}/offers` }),
    event: {
      action: 'cancellation.offers_shown',
      entityType: 'cancellation',
      entityId: () => lastCancellation,
    },
    also: [
      {
        action: 'offers.presented',
        entityType: 'case',
        why: 'the offers module records on the case which offers it showed (the terms as shown, the holdout)',
      },
    ],
  },
  answerCancellationOffer: {
    client: staff('agent'),
    request: async (f) => ({
      path: `/api/cancellations/${await cancellationAt(f, 'explain')}/offers/response`,
      body: { response: 'declined' },
    }),
    event: {
      action: 'cancellation.offer_declined',
      entityType: 'cancellation',
      entityId: () => lastCancellation,
    },
  },
  processCancellation: {
    client: staff('agent'),
    request: async (f) => ({
      path: `/api/cancellations/${await cancellationAt(f, 'offers')}/process`,
      body: { effective: 'period_end' },
    }),
    event: { action: 'cancellation.processed', entityType: 'cancellation', entityId: () => lastCancellation },
    also: [
      {
        action: 'subscription.cancellation_scheduled',
        entityType: 'subscription',
        why: 'billing records the change of the subscription it owns, in the processing’s transaction',
      },
    ],
  },
  confirmCancellation: {
    client: staff('agent'),
    request: async (f) => ({ path: `/api/cancellations/${await cancellationAt(f, 'process')}/confirm` }),
    event: { action: 'cancellation.confirmed', entityType: 'cancellation', entityId: () => lastCancellation },
    also: [QUEUED],
  },
  revokeCancellation: {
    client: staff('agent'),
    request: async (f) => ({ path: `/api/cancellations/${await cancellationAt(f, 'process')}/revoke` }),
    event: { action: 'cancellation.revoked', entityType: 'cancellation', entityId: () => lastCancellation },
    also: [
      {
        action: 'subscription.cancellation_revoked',
        entityType: 'subscription',
        why: 'billing records the change of the subscription it owns, in the revocation’s transaction',
      },
    ],
  },
  withdrawCancellation: {
    client: staff('agent'),
    request: async (f) => ({ path: `/api/cancellations/${await cancellationAt(f, 'reason')}/withdraw` }),
    event: { action: 'cancellation.withdrawn', entityType: 'cancellation', entityId: () => lastCancellation },
  },
  'POST /s/{token}': {
    client: ({ t }) => t.anonymous(),
    request: ({ w }) => ({ path: w.surveyPath, body: { rating: 4, comment: 'Schnell und freundlich' } }),
    actor: () => ({ id: null, role: 'customer' }),
    event: {
      action: 'survey.answered',
      entityType: 'survey',
      entityId: ({ w }) => w.surveyId,
    },
  },
};

let lastLocked = '';
let lastDraftVersion = 0;

/** The policy draft, saved unchanged from the newest version when there is none yet. */
async function policyDraft(w: ApiWorld): Promise<{ version: number; updatedAt: string }> {
  const { newest, draft } = (await w.clients.admin.get('/api/admin/policy')).body;
  if (draft) return draft;
  const saved = await w.clients.admin.put(
    `/api/admin/policy/draft?basedOn=${newest.version}`,
    newest.document,
  );
  return saved.body.draft;
}

const refundRequestBody = (paid: { paymentId: string }) => ({
  paymentId: paid.paymentId,
  reasonCode: 'changed_mind',
  customerWords: 'Ich habe es mir anders überlegt.',
  mood: 'calm',
  requestedMinor: 3000,
  currency: 'EUR',
});

/** A refund request on the world's case for goods bought today (inside the withdrawal period), by the agent. */
async function refundRequest({ t, w }: Fixtures): Promise<string> {
  const paid = await addPaidOrder(t, w.ids.acc, { totalMinor: 3000 });
  const res = await w.clients.agent.post(`/api/cases/${w.ids.case}/refund-requests`, refundRequestBody(paid));
  if (res.status !== 201) throw new Error(`refund request: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
let lastScheduled = '';
let lastOfferId = '';
let lastOfferCase = { caseId: '', subscriptionId: '' };

/** A case verified for cancelling on an account of its own with an active subscription (the world's extension offer applies to it). */
async function offerCase({ t }: Fixtures) {
  const account = await createAccount(t);
  const kase = await createCase(t, account.id);
  await markVerified(t, kase.id);
  const { id: subscriptionId } = await addSubscription(t, account.id);
  lastOfferCase = { caseId: kase.id, subscriptionId };
  return lastOfferCase;
}

let lastCancellation = '';
const cancellationBody = (subscriptionId: string) => ({
  subscriptionId,
  reasonCode: 'too_expensive',
  customerWords: 'Das ist mir zu teuer.',
});
const CANCELLATION_STEPS = ['reason', 'review', 'explain', 'offers', 'process'] as const;

/** A cancellation of a new subscription on the world's case, walked by the agent through `upTo` (included). */
async function cancellationAt(
  { t, w }: Fixtures,
  upTo: (typeof CANCELLATION_STEPS)[number],
): Promise<string> {
  const agent = w.clients.agent;
  const started = await agent.post(
    `/api/cases/${w.ids.case}/cancellations`,
    cancellationBody((await addSubscription(t, w.ids.acc)).id),
  );
  if (started.status !== 201)
    throw new Error(`cancellation: ${started.status} ${JSON.stringify(started.body)}`);
  const id = started.body.id as string;
  const steps: Record<string, () => Promise<{ status: number; body: unknown }>> = {
    review: () => agent.post(`/api/cancellations/${id}/review`, { balanceDiscussed: false }),
    explain: () => agent.post(`/api/cancellations/${id}/explain`, { effective: 'period_end' }),
    offers: () => agent.post(`/api/cancellations/${id}/offers`, {}),
    process: () => agent.post(`/api/cancellations/${id}/process`, { effective: 'period_end' }),
  };
  for (const step of CANCELLATION_STEPS.slice(1, CANCELLATION_STEPS.indexOf(upTo) + 1)) {
    const res = await steps[step]!();
    if (res.status !== 200)
      throw new Error(`cancellation ${step}: ${res.status} ${JSON.stringify(res.body)}`);
    // the world's retention offer applies: on the way to processing the customer says no to it
    if (step === 'offers' && (res.body as { presented: unknown[] }).presented.length > 0) {
      const declined = await agent.post(`/api/cancellations/${id}/offers/response`, { response: 'declined' });
      if (declined.status !== 200)
        throw new Error(`cancellation decline: ${declined.status} ${JSON.stringify(declined.body)}`);
    }
  }
  lastCancellation = id;
  return id;
}
/** The request the evidence was attached to (the answer is the evidence, the event names the request). */
let evidenceRequest = '';

/** An account locked by three wrong answers on a case of its own. */
async function lockedAccount(t: TestApp, w: ApiWorld): Promise<string> {
  const account = await createAccount(t);
  const opened = await w.clients.agent.post('/api/cases', {
    accountId: account.id,
    type: 'inquiry',
    channel: 'phone',
  });
  for (let i = 0; i < 3; i++)
    await w.clients.agent.post(`/api/cases/${opened.body.id}/verification`, {
      subject: { type: 'holder' },
      answers: { date_of_birth: '1999-01-01', postal_code: '99999' },
    });
  lastLocked = account.id;
  return account.id;
}

/** An open case on the world's account, with no follow-up yet. */
async function freshCase(w: ApiWorld): Promise<string> {
  const opened = await w.clients.agent.post('/api/cases', {
    accountId: w.ids.acc,
    type: 'inquiry',
    channel: 'email',
  });
  return opened.body.id;
}

let t: TestApp;
let f: Fixtures;
/** Each route's method, by the name the tables use. */
let methods: Map<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  f = { t, w: await buildWorld(t) };
  methods = new Map(operationRoutes(t.app).map((r) => [r.name, r.method]));
}, 60_000);
afterAll(() => t.close());

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function send(client: TestClient, key: string, request: Request): Promise<Sent> {
  const method = methods.get(key);
  if (method === 'POST') return client.post(request.path, request.body, request.headers);
  if (method === 'PUT') return client.put(request.path, request.body);
  if (method === 'PATCH') return client.patch(request.path, request.body);
  return client.delete(request.path);
}

async function lastAuditId(): Promise<number> {
  const { rows } = await sql<{ id: string | null }>`select max(id)::text as id from audit_events`.execute(
    t.db,
  );
  return Number(rows[0]?.id ?? 0);
}

async function eventsAfter(id: number) {
  return t.db.selectFrom('audit_events').selectAll().where('id', '>', id).orderBy('id').execute();
}

describe('audit trail', () => {
  it('has a decision for every changing route the app serves, and a route for every decision', () => {
    const changing = operationRoutes(t.app)
      .filter((r) => CHANGING.has(r.method))
      .map((r) => r.name);
    expect(changing.length).toBeGreaterThan(20);
    const decided = [...Object.keys(AUDITED), ...Object.keys(RECORDS_NOTHING)];
    expect(changing.filter((key) => !decided.includes(key))).toEqual([]);
    expect(decided.filter((key) => !changing.includes(key))).toEqual([]);
  });

  it.each(Object.keys(AUDITED))(
    '%s, run once successfully, writes exactly one audit event naming the actor and the entity',
    async (key) => {
      const audited = AUDITED[key]!;
      const client = await audited.client(f);
      const request = await audited.request(f);
      const before = await lastAuditId();
      const res = await send(client, key, request);
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      const events = await eventsAfter(before);
      const actor = audited.actor?.(f) ?? { id: client.user.id, role: client.user.role };
      const expected = [audited.event, ...(audited.also ?? [])].map((e) => `${e.action} ${e.entityType}`);
      expect(events.map((e) => `${e.action} ${e.entity_type}`).sort()).toEqual(expected.sort());
      for (const event of events) expect({ id: event.actor_id, role: event.actor_role }).toEqual(actor);
      const own = events.find((e) => e.action === audited.event.action)!;
      expect(own.entity_id).toBe(await audited.event.entityId(f, res));
    },
  );

  it.each(Object.keys(RECORDS_NOTHING))('%s saves nothing and records nothing', async (key) => {
    const { client, request } = RECORDS_NOTHING[key]!;
    const before = await lastAuditId();
    const res = await send(await client(f), key, await request(f));
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    expect(await eventsAfter(before)).toEqual([]);
  });
});
