import { Badge, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { date, money } from '../../lib/format';
import { Head, subscriptionNext } from '../accounts/AccountSections';
import { useAccount } from '../accounts/accounts.queries';

/**
 * What the agent needs of the account while working the case, without leaving it: the account's
 * state, what is owed and held as credit, the subscriptions with their next date, and the latest
 * payments with what is left to refund of each. The account page has the whole picture.
 */
export function CaseAccountSummary({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const account = useAccount(accountId);
  if (account.isLoading) return <Loader size="sm" />;
  if (!account.data) return null;
  const v = account.data;
  const payments = v.payments.slice(0, 5);
  return (
    <Paper withBorder p="sm" data-testid="case-account-summary">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('caseAccount.title')}</Title>
        <Link to={`/accounts/${accountId}`}>{t('caseAccount.open')}</Link>
      </Group>
      <Group gap="xs" mb="xs">
        <Badge variant="light" color={v.account.status === 'active' ? 'green' : 'gray'}>
          {t(`account.statuses.${v.account.status}`)}
        </Badge>
        <Text size="sm">
          {t('account.outstanding')}: <b>{money(v.balance.outstandingMinor, v.balance.currency)}</b>
          {v.balance.overdueMinor > 0 && (
            <Text span c="red" ml={4}>
              ({t('account.overdue')}: {money(v.balance.overdueMinor, v.balance.currency)})
            </Text>
          )}
        </Text>
        <Text size="sm">
          · {t('account.storeCredit')}: {money(v.storeCredit.balanceMinor, v.storeCredit.currency)}
        </Text>
      </Group>
      {v.subscriptions.length === 0 ? (
        <Text size="sm">{t('caseAccount.noSubscriptions')}</Text>
      ) : (
        <Table data-testid="case-account-subscriptions">
          <Head columns={['plan', 'status', 'next']} />
          <Table.Tbody>
            {v.subscriptions.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.planName[lang]}</Table.Td>
                <Table.Td>{t(`subscription.statuses.${s.status}`)}</Table.Td>
                <Table.Td>{subscriptionNext(s, t)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {payments.length === 0 ? (
        <Text size="sm" mt="xs">
          {t('caseAccount.noPayments')}
        </Text>
      ) : (
        <Table mt="xs" data-testid="case-account-payments">
          <Head columns={['date', 'amount', 'refundable']} />
          <Table.Tbody>
            {payments.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{date(p.paidAt)}</Table.Td>
                <Table.Td>
                  {money(p.amountMinor, p.currency)} · {t(`payment.methods.${p.method}`)}
                </Table.Td>
                <Table.Td>
                  {p.status === 'succeeded'
                    ? money(p.refundableMinor, p.currency)
                    : t(`payment.statuses.${p.status}`)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
