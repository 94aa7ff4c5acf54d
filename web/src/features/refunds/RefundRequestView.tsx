import { Badge, Group, List, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { date, dateTime, money } from '../../lib/format';
import { useReasonLabel, useStaffName } from './refund-words';
import type { RefundRequest } from './refunds.queries';

const STATUS_COLORS: Record<RefundRequest['status'], string> = {
  evaluated: 'blue',
  pending_approval: 'orange',
  needs_info: 'yellow',
  approved: 'teal',
  denied: 'red',
  executed: 'green',
  failed: 'red',
};

/** A request's documentation and evaluation in the UI language: what was asked, why, and what the policy says. */
export function RefundRequestView({ r }: { r: RefundRequest }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const reason = useReasonLabel();
  const staffName = useStaffName();
  const e = r.evaluation;
  const cur = r.requested.currency;
  const pending = r.executions.find((x) => x.status === 'pending');
  const lastTransfer = r.executions.findLast((x) => x.method === 'bank_transfer');
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Badge
          color={STATUS_COLORS[r.status]}
          variant="light"
          tt="none"
          data-testid="refund-status"
          data-status={r.status}
        >
          {t(`refunds.statuses.${r.status}`)}
        </Badge>
        <Text size="sm" fw={600}>
          {money(r.requested.amountMinor, cur)}
        </Text>
        <Text size="sm">· {reason(r.reasonCode)}</Text>
        <Badge variant="outline" color={e.inPolicy ? 'green' : 'orange'} tt="none">
          {t(`refunds.bases.${e.basis}`)} · {t(e.inPolicy ? 'refunds.inPolicy' : 'refunds.exception')}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {t('refunds.createdBy', { name: staffName(r.createdBy), time: dateTime(r.createdAt) })} ·{' '}
        {t('refunds.moodWas', { mood: t(`case.moods.${r.mood}`) })}
      </Text>
      <Text size="sm" fs="italic">
        „{r.customerWords}“
      </Text>
      {r.decided && r.status === 'executed' && (
        <Text size="sm" fw={600} c="green.9" data-testid="refund-executed">
          {t('refunds.executedAmount', {
            amount: money(r.decided.amountMinor, r.decided.currency),
            method: t(`refunds.methods.${r.execution?.method ?? 'original_payment'}`),
          })}
        </Text>
      )}
      {r.decided && r.status === 'approved' && (
        <Text size="sm" fw={600} c="teal.9" data-testid="refund-executing">
          {t('refunds.executing', {
            amount: money(r.decided.amountMinor, r.decided.currency),
            method: t(`refunds.methods.${r.execution?.method ?? 'original_payment'}`),
          })}
        </Text>
      )}
      {r.status === 'approved' && pending?.lastError && (
        <Text size="sm" c="orange.9">
          {t('refunds.executingRetry', { attempts: pending.attempts, error: pending.lastError })}
        </Text>
      )}
      {lastTransfer?.payoutIban && (
        <Text size="sm">{t('refunds.transferTo', { iban: lastTransfer.payoutIban })}</Text>
      )}
      {r.status === 'denied' && r.alternative && (
        <Text size="sm" data-testid="refund-denied">
          {t('refunds.deniedWith', { alternative: t(`refunds.alternatives.${r.alternative.kind}`) })}
        </Text>
      )}
      {r.execution?.failureReason && (
        <Text size="sm" c="red.8">
          {t('refunds.failedBecause', { reason: r.execution.failureReason })}
        </Text>
      )}
      {r.decisionNote && (
        <Text size="sm">
          {t('refunds.decisionNote')}: {r.decisionNote}
        </Text>
      )}
      <Paper withBorder p="xs" bg="gray.0" data-testid="refund-evaluation">
        <Text size="sm" fw={600} mb={4}>
          {t('refunds.evaluation.title', { version: e.policyVersion, day: date(e.evaluatedOn) })}
        </Text>
        <Group gap="lg" mb={4}>
          <Fact
            label={t('refunds.evaluation.decision')}
            value={t(`refunds.decisions.${e.decision}`)}
            testId="refund-recommendation"
          />
          <Fact
            label={t('refunds.evaluation.recommended')}
            value={money(e.recommended.amountMinor, e.recommended.currency)}
          />
          <Fact
            label={t('refunds.evaluation.max')}
            value={money(e.maxRefundable.amountMinor, e.maxRefundable.currency)}
          />
          <Fact
            label={t('refunds.evaluation.roleNeeded')}
            value={t(`roles.${r.roleNeeded}`)}
            testId="refund-role-needed"
          />
        </Group>
        <List size="sm" spacing={2}>
          {e.findings.map((f) => (
            <List.Item key={f.code}>{f[lang]}</List.Item>
          ))}
        </List>
        {e.abuseSignals.length > 0 && (
          <>
            <Text size="sm" fw={600} mt={4} c="red.9">
              {t('refunds.evaluation.signals')}
            </Text>
            <List size="sm" spacing={2} data-testid="refund-signals">
              {e.abuseSignals.map((s) => (
                <List.Item key={s.signal}>{s[lang]}</List.Item>
              ))}
            </List>
          </>
        )}
        {e.factors.length > 0 && (
          <>
            <Text size="xs" fw={600} mt={4}>
              {t('refunds.evaluation.score', { score: e.score })}
            </Text>
            <List size="xs" spacing={0}>
              {e.factors.map((f) => (
                <List.Item key={f.factor}>
                  {f[lang]} ({f.points > 0 ? '+' : ''}
                  {f.points} × {f.weight})
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Paper>
    </Stack>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}
