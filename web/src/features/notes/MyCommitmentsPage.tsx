import { Alert, Badge, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText, get } from '../../lib/api';
import { date } from '../../lib/format';
import type { Commitment } from '../../lib/types';
import { MarkDoneButton } from './MarkDoneButton';
import { useCompleteCommitment } from './notes.queries';

export function MyCommitmentsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('open');
  const list = useQuery({
    queryKey: ['commitments', status],
    queryFn: () => get<{ items: Commitment[] }>(`/api/commitments?owner=me&status=${status}`),
  });
  const done = useCompleteCommitment();
  const items = list.data?.items ?? [];
  return (
    <Stack maw={1000}>
      <Title order={3}>{t('commitments.mine')}</Title>
      <SegmentedControl
        w={240}
        value={status}
        onChange={setStatus}
        data={[
          { value: 'open', label: t('commitments.open') },
          { value: 'done', label: t('commitments.done') },
        ]}
      />
      <Paper withBorder>
        {items.length === 0 ? (
          <Text p="sm" c="dimmed">
            {t('commitments.none')}
          </Text>
        ) : (
          <Table>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id} data-testid="commitment">
                  <Table.Td>
                    <Badge color={c.status === 'done' ? 'green' : c.overdue ? 'red' : 'blue'}>
                      {date(c.dueOn)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{c.description}</Table.Td>
                  <Table.Td>
                    <Link to={`/accounts/${c.accountId}`}>
                      {c.customerName} ({c.accountNumber})
                    </Link>
                  </Table.Td>
                  <Table.Td>{c.caseId && <Link to={`/cases/${c.caseId}`}>{c.caseNumber}</Link>}</Table.Td>
                  <Table.Td>{c.status === 'open' && <MarkDoneButton id={c.id} done={done} />}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {done.error && <Alert color="red">{errorText(done.error, t)}</Alert>}
    </Stack>
  );
}
