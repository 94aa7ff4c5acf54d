import { Button, Code, Group, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../lib/format';
import { type AuditFilters, useAuditEvents } from './audit.queries';

const NO_FILTERS: AuditFilters = { action: '', entityId: '', accountId: '', caseId: '' };

export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState(NO_FILTERS);
  const [applied, setApplied] = useState(filters);
  const query = useAuditEvents(applied);
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
