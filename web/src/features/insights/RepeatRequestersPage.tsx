import { Alert, Anchor, Badge, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../lib/api';
import { date, money } from '../../lib/format';
import { useRepeatRequesters } from './insights.queries';

const PERIODS = [3, 6, 12, 24];

/**
 * Repeat requesters for leads: accounts with several refund requests in the period, with how many
 * were exceptions, what was paid out, and the abuse signals the policy engine raised, most first.
 */
export function RepeatRequestersPage() {
  const { t } = useTranslation();
  const [months, setMonths] = useState(12);
  const [min, setMin] = useState(2);
  const list = useRepeatRequesters(months, min);
  const items = list.data?.items ?? [];
  return (
    <Stack maw={1200}>
      <Title order={3}>{t('repeat.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('repeat.intro')}
      </Text>
      <Group>
        <Select
          label={t('repeat.period')}
          value={String(months)}
          onChange={(v) => v && setMonths(Number(v))}
          data={PERIODS.map((m) => ({ value: String(m), label: t('repeat.months', { count: m }) }))}
          allowDeselect={false}
          w={200}
        />
        <Select
          label={t('repeat.atLeast')}
          value={String(min)}
          onChange={(v) => v && setMin(Number(v))}
          data={[2, 3, 4, 5].map((n) => ({ value: String(n), label: t('repeat.requests', { count: n }) }))}
          allowDeselect={false}
          w={200}
        />
        {list.isFetching && <Loader size="sm" aria-label={t('repeat.loading')} />}
      </Group>
      {list.error && (
        <Alert color="red" role="alert">
          {errorText(list.error, t)}
        </Alert>
      )}
      {list.isSuccess && items.length === 0 && <Text data-testid="repeat-empty">{t('repeat.none')}</Text>}
      {items.length > 0 && (
        <Table data-testid="repeat-requesters" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('repeat.account')}</Table.Th>
              <Table.Th>{t('repeat.requestsColumn')}</Table.Th>
              <Table.Th>{t('repeat.exceptions')}</Table.Th>
              <Table.Th>{t('repeat.paid')}</Table.Th>
              <Table.Th>{t('repeat.signals')}</Table.Th>
              <Table.Th>{t('repeat.last')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.accountId} data-testid="repeat-row">
                <Table.Td>
                  <Anchor component={Link} to={`/accounts/${r.accountId}`}>
                    {r.accountNumber}
                  </Anchor>{' '}
                  · {r.name}
                </Table.Td>
                <Table.Td>{r.requests}</Table.Td>
                <Table.Td>{r.exceptions}</Table.Td>
                <Table.Td>
                  {t('repeat.paidOut', {
                    count: r.paidOut,
                    amount: money(r.paid.amountMinor, r.paid.currency),
                  })}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {Object.entries(r.signals).map(([signal, n]) => (
                      <Badge key={signal} color="orange" variant="light" tt="none">
                        {t(`repeat.signal.${signal}`, { defaultValue: signal })} ×{n}
                      </Badge>
                    ))}
                    {Object.keys(r.signals).length === 0 && (
                      <Text size="sm" c="dimmed">
                        {t('repeat.noSignals')}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${r.lastCaseId}`}>
                    {date(r.lastAt.slice(0, 10))}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
