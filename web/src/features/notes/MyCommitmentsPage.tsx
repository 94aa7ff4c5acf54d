import { Alert, Badge, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../lib/api';
import { date } from '../../lib/format';
import { MarkDoneButton } from './MarkDoneButton';
import { type Commitment, useCompleteCommitment, useMyCommitments } from './notes.queries';

export function MyCommitmentsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Commitment['status']>('open');
  const list = useMyCommitments(status);
  const done = useCompleteCommitment();
  const items = list.data?.items ?? [];
  return (
    <Stack maw={1000}>
      <Title order={3}>{t('commitments.mine')}</Title>
      <SegmentedControl
        w={240}
        value={status}
        onChange={(v) => setStatus(v as Commitment['status'])}
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
