import { Alert, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../lib/api';
import { date } from '../../lib/format';
import { DueText, MarkDoneButton, useKeptRows } from './MarkDoneButton';
import { type Commitment, useMyCommitments } from './notes.queries';

export function MyCommitmentsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Commitment['status']>('open');
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
      {/* a new key per tab: rows marked done on the open tab are kept only until it is left */}
      <CommitmentList key={status} status={status} />
    </Stack>
  );
}

function CommitmentList({ status }: { status: Commitment['status'] }) {
  const { t } = useTranslation();
  const list = useMyCommitments(status);
  const kept = useKeptRows(list.data?.items ?? []);
  if (list.error) return <Alert color="red">{errorText(list.error, t)}</Alert>;
  return (
    <Paper withBorder>
      {kept.rows.length === 0 ? (
        <Text p="sm" c="dimmed">
          {t('commitments.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('commitments.dueOn')}</Table.Th>
                <Table.Th>{t('commitments.description')}</Table.Th>
                <Table.Th>{t('commitments.customer')}</Table.Th>
                <Table.Th>{t('commitments.case')}</Table.Th>
                <Table.Th>{t('commitments.action')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {kept.rows.map((c) => {
                const isDone = c.status === 'done' || kept.isDone(c.id);
                const overdue = c.overdue && !isDone;
                return (
                  <Table.Tr
                    key={c.id}
                    data-testid="commitment"
                    data-done={isDone}
                    data-overdue={overdue}
                    bg={overdue ? 'var(--mantine-color-red-light)' : undefined}
                    style={kept.isDone(c.id) ? { opacity: 0.6 } : undefined}
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" c={overdue ? 'red.9' : undefined} fw={overdue ? 700 : undefined}>
                        <DueText dueOn={c.dueOn} overdue={overdue} formatted={date(c.dueOn)} />
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" td={kept.isDone(c.id) ? 'line-through' : undefined}>
                        {c.description}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Link to={`/accounts/${c.accountId}`}>
                        {c.customerName} ({c.accountNumber})
                      </Link>
                    </Table.Td>
                    <Table.Td>{c.caseId && <Link to={`/cases/${c.caseId}`}>{c.caseNumber}</Link>}</Table.Td>
                    <Table.Td>
                      {(status === 'open' || kept.isDone(c.id)) && (
                        <MarkDoneButton
                          id={c.id}
                          isDone={isDone}
                          onDone={kept.markDone}
                          onReopened={kept.markOpen}
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
