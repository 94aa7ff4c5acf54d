import { Button, Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../lib/api';
import { money } from '../../lib/format';
import { reasonOptions, useReasonLabel, useStaffName } from './refund-words';
import { useRefundQueue, useRefundReasons } from './refunds.queries';

/** Minutes as the two largest units ("1 Tg. 2 Std.", "3 h 20 min"). */
export function waited(minutes: number, t: (key: string, o: Record<string, number>) => string): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return t('exceptions.waitedDays', { d, h });
  if (h > 0) return t('exceptions.waitedHours', { h, m });
  return t('exceptions.waitedMinutes', { m });
}

/** The exceptions queue for leads and admins: oldest first, with the waiting time against the target. */
export function ExceptionsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const [reason, setReason] = useState<string | null>(null);
  const reasons = useRefundReasons();
  const queue = useRefundQueue(reason);
  const reasonLabel = useReasonLabel();
  const staffName = useStaffName();
  const pages = queue.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const target = pages[0]?.targetHours ?? 24;
  const columns = ['waiting', 'amount', 'reason', 'basis', 'roleNeeded', 'account', 'case', 'createdBy'];
  return (
    <Stack maw={1200}>
      <Title order={3}>{t('exceptions.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('exceptions.intro', { hours: target })}
      </Text>
      <Group>
        <Select
          aria-label={t('exceptions.filterReason')}
          placeholder={t('exceptions.anyReason')}
          w={280}
          clearable
          data={reasonOptions(reasons.data, lang)}
          value={reason}
          onChange={setReason}
        />
        {queue.isFetching && <Loader size="xs" />}
      </Group>
      {queue.error && <Text c="red">{errorText(queue.error, t)}</Text>}
      <Paper
        withBorder
        data-testid="exceptions-list"
        data-loaded={queue.isSuccess && !queue.isFetching}
        style={{ overflowX: 'auto' }}
      >
        {queue.isSuccess && items.length === 0 ? (
          <Text p="sm" c="dimmed" data-testid="exceptions-empty">
            {t('exceptions.none')}
          </Text>
        ) : (
          <Table highlightOnHover horizontalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c} scope="col">
                    {t(`exceptions.columns.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id} data-testid="exception-row" data-overdue={r.overdue}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{waited(r.waitingMinutes, t)}</Text>
                    <Text size="xs" fw={700} c={r.overdue ? 'red.8' : 'green.9'}>
                      {t(r.overdue ? 'exceptions.overdue' : 'exceptions.inTime', { hours: target })}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Link
                      to={`/exceptions/${r.id}`}
                      aria-label={t('exceptions.openLabel', {
                        case: r.caseNumber,
                        amount: money(r.requested.amountMinor, r.requested.currency),
                      })}
                    >
                      {money(r.requested.amountMinor, r.requested.currency)}
                    </Link>
                  </Table.Td>
                  <Table.Td>{reasonLabel(r.reasonCode)}</Table.Td>
                  <Table.Td>
                    {t(`refunds.bases.${r.basis}`)}
                    {!r.inPolicy && (
                      <Text size="xs" c="dimmed">
                        {t('refunds.exception')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`roles.${r.roleNeeded}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Link to={`/accounts/${r.accountId}`}>{r.accountNumber}</Link>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Link to={`/cases/${r.caseId}`}>{r.caseNumber}</Link>
                  </Table.Td>
                  <Table.Td>{staffName(r.createdBy)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {queue.hasNextPage && (
        <Group>
          <Button
            variant="light"
            onClick={() => void queue.fetchNextPage()}
            loading={queue.isFetchingNextPage}
          >
            {t('exceptions.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
