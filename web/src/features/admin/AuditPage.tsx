import { Button, Code, Group, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../lib/api';
import { dateTime } from '../../lib/format';

interface AuditPage {
  items: Array<{
    id: number;
    at: string;
    actor: { displayName: string } | null;
    actorRole: string | null;
    action: string;
    entityType: string;
    entityId: string;
    changes: object;
  }>;
  nextBefore: number | null;
}

export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState({ action: '', entityId: '', accountId: '', caseId: '' });
  const [applied, setApplied] = useState(filters);
  const query = useInfiniteQuery({
    queryKey: ['audit', applied],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) => {
      const p = new URLSearchParams(Object.entries(applied).filter(([, v]) => v.trim()));
      if (pageParam) p.set('before', String(pageParam));
      return get<AuditPage>(`/api/admin/audit?${p}`);
    },
    getNextPageParam: (last) => last.nextBefore,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Title order={3}>{t('nav.audit')}</Title>
      <Group align="end">
        {(['action', 'entityId', 'accountId', 'caseId'] as const).map((k) => (
          <TextInput
            key={k}
            label={t(`audit.filters.${k}`)}
            value={filters[k]}
            onChange={(e) => setFilters({ ...filters, [k]: e.currentTarget.value })}
          />
        ))}
        <Button onClick={() => setApplied(filters)}>{t('audit.filter')}</Button>
      </Group>
      <Paper withBorder>
        <Table>
          <Table.Tbody>
            {rows.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{dateTime(e.at)}</Table.Td>
                <Table.Td>{e.actor?.displayName ?? t(`roles.${e.actorRole ?? 'system'}`)}</Table.Td>
                <Table.Td>{e.action}</Table.Td>
                <Table.Td>
                  {e.entityType} {e.entityId}
                </Table.Td>
                <Table.Td>
                  <Code>{JSON.stringify(e.changes).slice(0, 200)}</Code>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {query.hasNextPage && (
        <Button variant="light" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('audit.more')}
        </Button>
      )}
    </Stack>
  );
}
