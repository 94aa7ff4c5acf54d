import { Alert, Anchor, Button, Card, Group, Loader, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../lib/api';
import { dateTime, money, number } from '../../lib/format';
import type { DashboardPick } from './dashboard-shared';
import { type DashboardFilters, useDashboardCases } from './insights.queries';

/** The cases behind the picked bar, newest first, with "more" for the next page. */
export function Drilldown({
  filters,
  pick,
  reasonLabel,
  onClose,
}: {
  filters: DashboardFilters;
  pick: DashboardPick;
  reasonLabel: (code: string) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const cases = useDashboardCases(filters, { metric: pick.metric, dimension: pick.dimension, key: pick.key });
  const items = cases.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card
      withBorder
      padding="sm"
      component="section"
      aria-labelledby="dashboard-drilldown"
      data-testid="dashboard-drilldown"
    >
      <Group justify="space-between" mb="xs">
        <Title order={4} id="dashboard-drilldown" tabIndex={-1}>
          {t('dashboard.casesFor', { label: pick.label })}
        </Title>
        <Button size="xs" variant="default" onClick={onClose}>
          {t('dashboard.close')}
        </Button>
      </Group>
      {cases.isFetching && !cases.isFetchingNextPage && (
        <Loader size="sm" aria-label={t('dashboard.loading')} />
      )}
      {cases.error && (
        <Alert color="red" role="alert">
          {errorText(cases.error, t)}
        </Alert>
      )}
      {cases.isSuccess && items.length === 0 && <Text>{t('dashboard.noCases')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dashboard.col.case')}</Table.Th>
                <Table.Th>{t('dashboard.col.account')}</Table.Th>
                <Table.Th>{t('dashboard.col.kind')}</Table.Th>
                <Table.Th>{t('dashboard.col.reason')}</Table.Th>
                <Table.Th>{t('dashboard.col.amount')}</Table.Th>
                <Table.Th>{t('dashboard.col.outcome')}</Table.Th>
                <Table.Th>{t('dashboard.col.date')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.requestId} data-testid="drilldown-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${c.caseId}`}>
                      {c.caseNumber}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/accounts/${c.accountId}`}>
                      {c.accountNumber}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {t(`dashboard.kinds.${c.kind}`)}
                    {c.isException ? ` · ${t('dashboard.exception')}` : ''}
                  </Table.Td>
                  <Table.Td>{reasonLabel(c.reason)}</Table.Td>
                  <Table.Td>{c.amount ? money(c.amount.amountMinor, c.amount.currency) : '–'}</Table.Td>
                  <Table.Td>{t(`dashboard.outcomes.${c.outcome}`, { defaultValue: c.outcome })}</Table.Td>
                  <Table.Td>{dateTime(c.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 0 && (
        <Group justify="space-between" mt="xs">
          <Text size="sm" c="dimmed" data-testid="drilldown-count" aria-live="polite">
            {t(cases.hasNextPage ? 'dashboard.shownMore' : 'dashboard.shownAll', {
              count: items.length,
              n: number(items.length),
            })}
          </Text>
          {cases.hasNextPage && (
            <Button
              size="xs"
              variant="light"
              onClick={() => void cases.fetchNextPage()}
              loading={cases.isFetchingNextPage}
            >
              {t('dashboard.moreCases')}
            </Button>
          )}
        </Group>
      )}
    </Card>
  );
}
