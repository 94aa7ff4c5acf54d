import {
  Badge,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dateTime } from '../../lib/format';
import { type CaseFilters, useCases } from './cases.queries';

const STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;

/** The cases an agent is working on (or, for a lead, everybody's), newest first. */
export function CasesPage() {
  const { t } = useTranslation();
  const [whose, setWhose] = useState<'me' | 'all'>('me');
  const [status, setStatus] = useState<CaseFilters['status']>('open');
  const list = useCases({ whose, status });
  const items = list.data?.items ?? [];
  return (
    <Stack maw={1100}>
      <Title order={3}>{t('cases.title')}</Title>
      <Group>
        <SegmentedControl
          value={whose}
          onChange={(v) => setWhose(v as 'me' | 'all')}
          data={[
            { value: 'me', label: t('cases.mine') },
            { value: 'all', label: t('cases.all') },
          ]}
        />
        <Select
          aria-label={t('case.status')}
          w={180}
          value={status}
          onChange={(v) => v && setStatus(v as CaseFilters['status'])}
          data={[
            ...STATUSES.map((s) => ({ value: s, label: t(`case.statuses.${s}`) })),
            { value: 'any', label: t('cases.anyStatus') },
          ]}
        />
        {list.isFetching && <Loader size="xs" />}
      </Group>
      <Paper withBorder data-testid="cases-list" data-loaded={list.isSuccess && !list.isFetching}>
        {list.isSuccess && items.length === 0 ? (
          <Text p="sm" c="dimmed">
            {t('cases.none')}
          </Text>
        ) : (
          <Table highlightOnHover>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id} data-testid="case-row">
                  <Table.Td>
                    <Link to={`/cases/${c.id}`}>{c.caseNumber}</Link>
                  </Table.Td>
                  <Table.Td>{t(`case.types.${c.type}`)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.subject ?? ''}</Text>
                    <Text size="xs" c="dimmed">
                      <Link to={`/accounts/${c.accountId}`}>
                        {c.customerName} ({c.accountNumber})
                      </Link>
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      color={c.mood === 'angry' ? 'red' : c.mood === 'upset' ? 'orange' : 'gray'}
                      variant="light"
                    >
                      {t(`case.moods.${c.mood}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{t(`case.statuses.${c.status}`)}</Table.Td>
                  <Table.Td>{c.assignee?.displayName ?? '–'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTime(c.openedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
