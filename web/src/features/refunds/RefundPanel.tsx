import {
  Alert,
  Button,
  Divider,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldError } from '../../lib/api';
import { date, money, parseAmount } from '../../lib/format';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useAccount } from '../accounts/accounts.queries';
import { RefundActions } from './RefundActions';
import { RefundEvidence } from './RefundEvidence';
import { RefundNoteDraft } from './RefundNoteDraft';
import { RefundRequestView } from './RefundRequestView';
import { RefundScript } from './RefundScript';
import { reasonOptions } from './refund-words';
import {
  type NewRefundRequest,
  useCaseRefundRequests,
  useCreateRefundRequest,
  useRefundReasons,
} from './refunds.queries';

type Mood = NewRefundRequest['mood'];
const MOODS: Mood[] = ['calm', 'upset', 'angry'];

/**
 * The refund desk on a case, the workspace of every step: the case's requests with their
 * evaluations, their evidence (attached here), what may be done with each, the phone script once
 * decided and the drafted account note to save; and the intake of a new one (only on a verified
 * case; the server refuses it otherwise).
 */
export function RefundPanel({
  caseId,
  accountId,
  verified,
  mood,
}: {
  caseId: string;
  accountId: string;
  verified: boolean;
  mood: Mood;
}) {
  const { t } = useTranslation();
  const requests = useCaseRefundRequests(caseId);
  const items = requests.data?.items ?? [];
  const [adding, setAdding] = useState(false);
  return (
    <Paper withBorder p="sm" data-testid="refund-panel" data-loaded={requests.isSuccess}>
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('refunds.title')}</Title>
        {verified && !adding && (
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            {t('refunds.new')}
          </Button>
        )}
      </Group>
      {requests.error && <Alert color="red">{errorText(requests.error, t)}</Alert>}
      {requests.isSuccess && items.length === 0 && !adding && (
        <Text size="sm" c="dimmed">
          {t('refunds.none')}
        </Text>
      )}
      <Stack gap="sm">
        {items.map((r) => (
          <div key={r.id} data-testid="refund-request" data-id={r.id}>
            <Stack gap="xs">
              <RefundRequestView r={r} />
              <RefundEvidence r={r} />
              <RefundScript r={r} />
              <RefundActions r={r} where="desk" />
              <RefundNoteDraft r={r} />
            </Stack>
            <Divider mt="sm" />
          </div>
        ))}
      </Stack>
      {!verified ? (
        <Alert color="gray" mt="xs" data-testid="refund-needs-verification">
          {t('refunds.needsVerification')}
        </Alert>
      ) : (
        adding && (
          <IntakeForm caseId={caseId} accountId={accountId} mood={mood} onDone={() => setAdding(false)} />
        )
      )}
    </Paper>
  );
}

function IntakeForm({
  caseId,
  accountId,
  mood: caseMood,
  onDone,
}: {
  caseId: string;
  accountId: string;
  mood: Mood;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const account = useAccount(accountId);
  const reasons = useRefundReasons();
  const create = useCreateRefundRequest(caseId, accountId);
  // one key per request the agent means to record: a double click or a retry records it once
  const [key, setKey] = useState(newIdempotencyKey);
  const payments = (account.data?.payments ?? []).filter(
    (p) => p.status === 'succeeded' && p.refundableMinor > 0,
  );
  const [paymentId, setPaymentId] = useState<string | null>(null);
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  const [words, setWords] = useState('');
  const [mood, setMood] = useState<Mood>(caseMood);
  const [amount, setAmount] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const payment = payments.find((p) => p.id === paymentId);
  const submit = () => {
    const minor = parseAmount(amount);
    const problems: Record<string, string> = {};
    if (!payment) problems.payment = t('refunds.form.paymentRequired');
    if (!reasonCode) problems.reason = t('refunds.form.reasonRequired');
    if (!words.trim()) problems.words = t('refunds.form.wordsRequired');
    if (minor === null || minor === 0) problems.amount = t('refunds.form.amountInvalid');
    setLocal(problems);
    if (!payment || !reasonCode || !minor || Object.keys(problems).length > 0) return;
    create.mutate(
      {
        key,
        body: {
          paymentId: payment.id,
          ...(payment.orderId ? { orderId: payment.orderId } : {}),
          reasonCode,
          customerWords: words.trim(),
          mood,
          requestedMinor: minor,
          currency: payment.currency,
        },
      },
      {
        onSuccess: () => {
          setKey(newIdempotencyKey());
          onDone();
        },
      },
    );
  };
  const err = create.error;
  const fields = [
    'body.paymentId',
    'body.orderId',
    'body.reasonCode',
    'body.customerWords',
    'body.mood',
    'body.requestedMinor',
    'body.currency',
  ];
  const atField = fields.some((f) => fieldError(err, f, t));
  const amountError = fieldError(err, 'body.requestedMinor', t) ?? fieldError(err, 'body.currency', t);
  return (
    <form
      noValidate
      data-testid="refund-intake"
      onSubmit={(ev) => {
        ev.preventDefault();
        submit();
      }}
    >
      <Stack gap="xs" mt="xs">
        <Select
          label={t('refunds.form.payment')}
          placeholder={t('refunds.form.paymentPick')}
          data={payments.map((p) => ({
            value: p.id,
            label: t('refunds.form.paymentOption', {
              day: date(p.paidAt),
              paid: money(p.amountMinor, p.currency),
              left: money(p.refundableMinor, p.currency),
            }),
          }))}
          value={paymentId}
          onChange={(v) => {
            setPaymentId(v);
            const p = payments.find((x) => x.id === v);
            if (p && !amount)
              setAmount((p.refundableMinor / 100).toFixed(2).replace('.', lang === 'en' ? '.' : ','));
          }}
          nothingFoundMessage={t('refunds.form.noPayments')}
          error={local.payment ?? fieldError(err, 'body.paymentId', t) ?? fieldError(err, 'body.orderId', t)}
          required
        />
        <Select
          label={t('refunds.form.reason')}
          placeholder={t('refunds.form.reasonPick')}
          data={reasonOptions(reasons.data, lang)}
          value={reasonCode}
          onChange={setReasonCode}
          error={local.reason ?? fieldError(err, 'body.reasonCode', t)}
          required
        />
        <Textarea
          label={t('refunds.form.words')}
          description={t('refunds.form.wordsHint')}
          value={words}
          onChange={(ev) => setWords(ev.currentTarget.value)}
          error={local.words ?? fieldError(err, 'body.customerWords', t)}
          autosize
          minRows={2}
          required
        />
        <Group grow align="start">
          <Select
            label={t('refunds.form.mood')}
            data={MOODS.map((m) => ({ value: m, label: t(`case.moods.${m}`) }))}
            value={mood}
            onChange={(v) => v && setMood(v as Mood)}
            allowDeselect={false}
            error={fieldError(err, 'body.mood', t)}
          />
          <TextInput
            label={t('refunds.form.amount')}
            description={
              payment
                ? t('refunds.form.atMost', { left: money(payment.refundableMinor, payment.currency) })
                : undefined
            }
            placeholder={lang === 'en' ? '80.00' : '80,00'}
            value={amount}
            onChange={(ev) => setAmount(ev.currentTarget.value)}
            error={local.amount ?? amountError}
            inputMode="decimal"
            autoComplete="off"
            required
          />
        </Group>
        {err && !atField && (
          <Alert color="red" data-testid="refund-intake-error">
            {errorText(err, t)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending} disabled={create.isPending}>
            {t('refunds.form.submit')}
          </Button>
          <Button variant="subtle" onClick={onDone}>
            {t('refunds.form.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
