import {
  Alert,
  Button,
  Group,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, fieldError } from '../../lib/api';
import { money, parseAmount } from '../../lib/format';
import { useSession } from '../auth/session';
import { atLeast } from './refund-words';
import {
  type AlternativeKind,
  type RefundDecision,
  type RefundRequest,
  useDecideRefundRequest,
  useEscalateRefundRequest,
  useResubmitRefundRequest,
} from './refunds.queries';

type Action = RefundDecision['action'];
const ALTERNATIVES: AlternativeKind[] = ['store_credit', 'exchange', 'discount'];
type Method = NonNullable<RefundDecision['method']>;
const FIRST_METHODS: Method[] = ['original_payment', 'store_credit'];
const FALLBACK_METHODS: Method[] = ['store_credit', 'bank_transfer'];

/**
 * What the signed-in person may do with a request now: at the desk, what the policy grants within
 * their limit, the denial it recommends, or the escalation; in the queue, a lead's decision (never
 * on their own request); a request sent back is resubmitted; a failed refund goes back as store credit or by bank transfer.
 */
export function RefundActions({ r, where }: { r: RefundRequest; where: 'desk' | 'queue' }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const e = r.evaluation;
  if (r.status === 'evaluated') {
    const mayApprove =
      e.inPolicy &&
      (e.decision === 'approve' || e.decision === 'approve_partial') &&
      atLeast(user?.role, r.roleNeeded);
    const actions: Action[] = [
      ...(mayApprove ? (['approve'] as const) : []),
      ...(e.decision === 'deny' ? (['deny'] as const) : []),
    ];
    return (
      <Stack gap="xs" data-testid="refund-actions">
        {e.decision !== 'deny' && (e.decision === 'escalate' || !e.inPolicy) ? (
          <Alert color="orange" data-testid="refund-lead-decides">
            {t('refunds.leadDecides', {
              role: t(`roles.${atLeast(r.roleNeeded, 'lead') ? r.roleNeeded : 'lead'}`),
            })}
          </Alert>
        ) : (
          !mayApprove &&
          e.decision !== 'deny' && (
            <Alert color="orange" data-testid="refund-lead-decides">
              {t('refunds.overYourLimit', { role: t(`roles.${r.roleNeeded}`) })}
            </Alert>
          )
        )}
        {actions.length > 0 && <DecisionForm r={r} actions={actions} />}
        <EscalateForm r={r} />
      </Stack>
    );
  }
  if (r.status === 'pending_approval') {
    if (where === 'desk' || user?.role === 'agent')
      return (
        <Text size="sm" data-testid="refund-waiting">
          {t('refunds.waitingForLead')}
        </Text>
      );
    if (user?.id === r.createdBy)
      return (
        <Alert color="yellow" data-testid="refund-own-request">
          {t('errors.REFUND_SELF_DECISION')}
        </Alert>
      );
    return <DecisionForm r={r} actions={['approve', 'approve_partial', 'deny', 'send_back']} />;
  }
  if (r.status === 'needs_info') return <ResubmitForm r={r} />;
  if (r.status === 'failed') return <DecisionForm r={r} actions={['approve']} fallback />;
  return null;
}

function DecisionForm({
  r,
  actions,
  fallback = false,
}: {
  r: RefundRequest;
  actions: Action[];
  /** After a failed refund: store credit or a bank transfer instead. */
  fallback?: boolean;
}) {
  const { t } = useTranslation();
  const decide = useDecideRefundRequest(r);
  const [action, setAction] = useState<Action>(actions[0]!);
  const [method, setMethod] = useState<Method>(fallback ? 'store_credit' : 'original_payment');
  const [holder, setHolder] = useState('');
  const [iban, setIban] = useState('');
  const [amount, setAmount] = useState('');
  const [alternative, setAlternative] = useState<AlternativeKind | null>(null);
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const cur = r.requested.currency;
  const full = Math.min(r.evaluation.requested.amountMinor, r.evaluation.maxRefundable.amountMinor);
  const submit = () => {
    const problems: Record<string, string> = {};
    const minor = action === 'approve_partial' ? parseAmount(amount) : undefined;
    if (minor === null) problems.amount = t('refunds.form.amountInvalid');
    if (action === 'deny' && !alternative) problems.alternative = t('refunds.decide.alternativeRequired');
    if (!note.trim()) problems.note = t('refunds.decide.noteRequired');
    const transfer = method === 'bank_transfer';
    if (transfer && !holder.trim()) problems.holder = t('refunds.decide.holderRequired');
    if (transfer && !iban.trim()) problems.iban = t('refunds.decide.ibanRequired');
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    decide.mutate({
      action,
      note: note.trim(),
      ...(action.startsWith('approve') ? { method } : {}),
      ...(transfer ? { payout: { holder: holder.trim(), iban } } : {}),
      ...(minor ? { amountMinor: minor } : {}),
      ...(action === 'deny' && alternative ? { alternative: { kind: alternative } } : {}),
    });
  };
  const err = decide.error;
  const shown = [
    'body.amountMinor',
    'body.alternative',
    'body.note',
    'body.method',
    'body.payout',
    'body.payout.holder',
    'body.payout.iban',
  ].filter((f) => (f !== 'body.amountMinor' || action === 'approve_partial') && fieldError(err, f, t));
  const roleNeeded = err instanceof ApiError ? (err.problem.roleNeeded as string | undefined) : undefined;
  return (
    <form
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        submit();
      }}
      data-testid="refund-decision-form"
    >
      <Stack gap="xs">
        {actions.length > 1 && (
          <SegmentedControl
            aria-label={t('refunds.decide.action')}
            value={action}
            onChange={(v) => setAction(v as Action)}
            data={actions.map((a) => ({ value: a, label: t(`refunds.decide.actions.${a}`) }))}
          />
        )}
        {action.startsWith('approve') && (
          <Radio.Group
            label={t(fallback ? 'refunds.decide.fallbackMethod' : 'refunds.decide.method')}
            value={method}
            onChange={(v) => setMethod(v as Method)}
            error={fieldError(err, 'body.method', t)}
          >
            <Group gap="md" mt={4}>
              {(fallback ? FALLBACK_METHODS : FIRST_METHODS).map((m) => (
                <Radio key={m} value={m} label={t(`refunds.methods.${m}`)} />
              ))}
            </Group>
          </Radio.Group>
        )}
        {method === 'bank_transfer' && (
          <Group grow align="start">
            <TextInput
              label={t('refunds.decide.holder')}
              value={holder}
              onChange={(ev) => setHolder(ev.currentTarget.value)}
              error={local.holder ?? fieldError(err, 'body.payout.holder', t)}
              autoComplete="off"
              required
            />
            <TextInput
              label={t('refunds.decide.iban')}
              value={iban}
              onChange={(ev) => setIban(ev.currentTarget.value)}
              error={
                local.iban ?? fieldError(err, 'body.payout.iban', t) ?? fieldError(err, 'body.payout', t)
              }
              placeholder="DE89 3704 0044 0532 0130 00"
              autoComplete="off"
              spellCheck={false}
              required
            />
          </Group>
        )}
        {action === 'approve' && (
          <Text size="sm">{t('refunds.decide.fullAmount', { amount: money(full, cur) })}</Text>
        )}
        {action === 'approve_partial' && (
          <TextInput
            label={t('refunds.decide.partialAmount', { max: money(full, cur) })}
            value={amount}
            onChange={(ev) => setAmount(ev.currentTarget.value)}
            error={local.amount ?? fieldError(err, 'body.amountMinor', t)}
            inputMode="decimal"
            autoComplete="off"
            required
          />
        )}
        {action === 'deny' && (
          <Select
            label={t('refunds.decide.alternative')}
            placeholder={t('refunds.decide.alternativePick')}
            data={ALTERNATIVES.map((a) => ({ value: a, label: t(`refunds.alternatives.${a}`) }))}
            value={alternative}
            onChange={(v) => setAlternative(v as AlternativeKind | null)}
            error={local.alternative ?? fieldError(err, 'body.alternative', t)}
            required
          />
        )}
        <Textarea
          label={t(action === 'send_back' ? 'refunds.decide.questionNote' : 'refunds.decide.note')}
          value={note}
          onChange={(ev) => setNote(ev.currentTarget.value)}
          error={local.note ?? fieldError(err, 'body.note', t)}
          autosize
          minRows={2}
          required
        />
        {err && shown.length === 0 && (
          <Alert color="red" data-testid="refund-decision-error">
            {errorText(err, t)}
            {roleNeeded && ` ${t('refunds.decide.roleNeeded', { role: t(`roles.${roleNeeded}`) })}`}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={decide.isPending} disabled={decide.isPending}>
            {t(`refunds.decide.submit.${fallback ? method : action}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EscalateForm({ r }: { r: RefundRequest }) {
  const { t } = useTranslation();
  const escalate = useEscalateRefundRequest(r);
  const [note, setNote] = useState('');
  return (
    <form
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        escalate.mutate(note);
      }}
    >
      <Group align="end" gap="xs">
        <TextInput
          style={{ flex: 1 }}
          label={t('refunds.escalate.note')}
          value={note}
          onChange={(ev) => setNote(ev.currentTarget.value)}
          error={fieldError(escalate.error, 'body.note', t)}
        />
        <Button type="submit" variant="light" color="orange" loading={escalate.isPending}>
          {t('refunds.escalate.submit')}
        </Button>
      </Group>
      {escalate.error && !fieldError(escalate.error, 'body.note', t) && (
        <Alert color="red" mt="xs">
          {errorText(escalate.error, t)}
        </Alert>
      )}
    </form>
  );
}

function ResubmitForm({ r }: { r: RefundRequest }) {
  const { t } = useTranslation();
  const resubmit = useResubmitRefundRequest(r);
  const [note, setNote] = useState('');
  const question = [...r.history].reverse().find((h) => h.toStatus === 'needs_info')?.note;
  return (
    <form
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        resubmit.mutate(note);
      }}
    >
      <Stack gap="xs">
        <Alert color="yellow">{t('refunds.sentBack', { note: question ?? '' })}</Alert>
        <Textarea
          label={t('refunds.resubmit.note')}
          value={note}
          onChange={(ev) => setNote(ev.currentTarget.value)}
          error={fieldError(resubmit.error, 'body.note', t)}
          required
        />
        {resubmit.error && !fieldError(resubmit.error, 'body.note', t) && (
          <Alert color="red">{errorText(resubmit.error, t)}</Alert>
        )}
        <Group>
          <Button type="submit" loading={resubmit.isPending}>
            {t('refunds.resubmit.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
