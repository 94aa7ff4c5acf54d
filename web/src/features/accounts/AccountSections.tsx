import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { date, money } from '../../lib/format';
import type { AccountView } from './accounts.queries';

function Section({ title, children, empty }: { title: string; children: React.ReactNode; empty: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        {title}
      </Title>
      {empty ? (
        <Text size="sm" c="dimmed">
          {t('common.none')}
        </Text>
      ) : (
        children
      )}
    </Paper>
  );
}

/** Column headers of a section's table, named in the UI language (account.columns.*). */
export function Head({ columns }: { columns: string[] }) {
  const { t } = useTranslation();
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c) => (
          <Table.Th key={c}>{t(`account.columns.${c}`)}</Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

/** A status an agent must notice (pending end, overdue) stands out; ended ones recede. */
const STATUS_COLORS: Record<string, string> = {
  trialing: 'blue',
  active: 'green',
  paused: 'yellow',
  past_due: 'red',
  pending_cancellation: 'orange',
  cancelled: 'gray',
  expired: 'gray',
};

type Subscription = AccountView['subscriptions'][number];

/** What happens next to a subscription, in words: it ends, resumes, its trial ends or it renews. */
export function subscriptionNext(s: Subscription, t: TFunction): string {
  if (s.cancelEffectiveOn) return t('subscription.endsOn', { date: date(s.cancelEffectiveOn) });
  if (s.status === 'paused' && s.pausedUntil)
    return t('subscription.pausedUntil', { date: date(s.pausedUntil) });
  if (s.status === 'trialing' && s.nextRenewalOn)
    return t('subscription.trialEndsOn', { date: date(s.nextRenewalOn) });
  return s.nextRenewalOn ? t('subscription.renewsOn', { date: date(s.nextRenewalOn) }) : '';
}

export function Subscriptions({ view }: { view: AccountView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  return (
    <Section title={t('account.subscriptions')} empty={view.subscriptions.length === 0}>
      <Table>
        <Head columns={['plan', 'status', 'price', 'period', 'next']} />
        <Table.Tbody>
          {view.subscriptions.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{s.planName[lang]}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge
                  variant="light"
                  color={STATUS_COLORS[s.status] ?? 'gray'}
                  styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
                >
                  {t(`subscription.statuses.${s.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {money(s.priceMinor, s.currency)} / {t(`subscription.cycles.${s.cycle}`)}
              </Table.Td>
              <Table.Td>
                {date(s.currentPeriodStart)} – {date(s.currentPeriodEnd)}
              </Table.Td>
              <Table.Td>{subscriptionNext(s, t)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

export function Money({ view }: { view: AccountView }) {
  const { t } = useTranslation();
  const open = view.invoices.filter((i) => i.status === 'open');
  return (
    <Section title={t('account.money')} empty={false}>
      <Text size="sm">
        {t('account.outstanding')}: <b>{money(view.balance.outstandingMinor, view.balance.currency)}</b>
        {view.balance.overdueMinor > 0 && (
          <Text span c="red" ml="xs">
            ({t('account.overdue')}: {money(view.balance.overdueMinor, view.balance.currency)})
          </Text>
        )}
      </Text>
      <Text size="sm">
        {t('account.storeCredit')}: {money(view.storeCredit.balanceMinor, view.storeCredit.currency)}
      </Text>
      {open.length > 0 && (
        <Table mt="xs">
          <Head columns={['invoice', 'open', 'due']} />
          <Table.Tbody>
            {open.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.invoiceNumber}</Table.Td>
                <Table.Td>{money(i.amountMinor - i.paidMinor, i.currency)}</Table.Td>
                <Table.Td c={i.overdue ? 'red' : undefined}>
                  {t('account.dueOn', { date: date(i.dueOn) })}
                  {i.overdue && ` · ${t('account.overdue')}`}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

export function OrdersAndPayments({ view }: { view: AccountView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  return (
    <>
      <Section title={t('account.orders')} empty={view.orders.length === 0}>
        <Table>
          <Head columns={['order', 'product', 'total', 'status', 'date']} />
          <Table.Tbody>
            {view.orders.slice(0, 10).map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>{o.orderNumber}</Table.Td>
                <Table.Td>{o.productName[lang]}</Table.Td>
                <Table.Td>{money(o.totalMinor, o.currency)}</Table.Td>
                <Table.Td>{t(`order.statuses.${o.status}`)}</Table.Td>
                <Table.Td>{date(o.orderedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
      <Section title={t('account.payments')} empty={view.payments.length === 0}>
        <Table>
          <Head columns={['date', 'amount', 'refunded', 'method', 'status']} />
          <Table.Tbody>
            {view.payments.slice(0, 10).map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{date(p.paidAt)}</Table.Td>
                <Table.Td>{money(p.amountMinor, p.currency)}</Table.Td>
                <Table.Td>
                  {p.refundedMinor > 0
                    ? t('account.refunded', { amount: money(p.refundedMinor, p.currency) })
                    : ''}
                </Table.Td>
                <Table.Td>{t(`payment.methods.${p.method}`)}</Table.Td>
                <Table.Td>{t(`payment.statuses.${p.status}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
    </>
  );
}

export function Cases({ view }: { view: AccountView }) {
  const { t } = useTranslation();
  return (
    <Section title={t('account.cases')} empty={view.cases.length === 0}>
      <Table>
        <Head columns={['case', 'type', 'status', 'opened']} />
        <Table.Tbody>
          {view.cases.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Link to={`/cases/${c.id}`}>{c.caseNumber}</Link>
              </Table.Td>
              <Table.Td>{t(`case.types.${c.type}`)}</Table.Td>
              <Table.Td>{t(`case.statuses.${c.status}`)}</Table.Td>
              <Table.Td>{date(c.openedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
