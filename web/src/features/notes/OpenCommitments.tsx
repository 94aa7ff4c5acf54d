import { Anchor, Badge, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { date } from '../../lib/format';
import { useSession } from '../auth/session';
import { DueText, MarkDoneButton, useKeptRows } from './MarkDoneButton';
import type { OpenCommitment } from './notes.queries';

/**
 * What was promised to this customer and not yet kept, due first, overdue ones said in words and
 * in red; the owner (or a lead) marks one done here, and the row stays with an Undo.
 */
export function OpenCommitments({ items }: { items: OpenCommitment[] }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const kept = useKeptRows(items);
  const canComplete = (c: OpenCommitment) => user?.id === c.owner.id || (user && user.role !== 'agent');
  const overdueCount = items.filter((c) => c.overdue).length;
  // nothing promised, nothing to show: the space belongs to what the agent needs on this call
  if (kept.rows.length === 0) return null;
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="open-commitments"
      style={overdueCount > 0 ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
    >
      <Title order={5} mb="xs">
        {t('commitments.accountOpen', { n: items.length })}
        {overdueCount > 0 && (
          <Badge ml="xs" color="red" variant="filled" size="sm">
            {t('commitments.overdueCount', { n: overdueCount })}
          </Badge>
        )}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('commitments.dueOn')}</Table.Th>
              <Table.Th>{t('commitments.description')}</Table.Th>
              <Table.Th>{t('commitments.owner')}</Table.Th>
              <Table.Th>{t('commitments.source')}</Table.Th>
              <Table.Th>{t('commitments.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {kept.rows.map((c) => {
              const isDone = kept.isDone(c.id);
              const overdue = c.overdue && !isDone;
              return (
                <Table.Tr
                  key={c.id}
                  data-testid="open-commitment"
                  data-overdue={overdue}
                  data-done={isDone}
                  bg={overdue ? 'var(--mantine-color-red-light)' : undefined}
                  style={isDone ? { opacity: 0.6 } : undefined}
                >
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" c={overdue ? 'red.9' : undefined} fw={overdue ? 700 : undefined}>
                      <DueText dueOn={c.dueOn} overdue={overdue} formatted={date(c.dueOn)} />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={overdue ? 600 : undefined} td={isDone ? 'line-through' : undefined}>
                      {c.description}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.owner.displayName}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {c.caseId && (
                      <>
                        <Anchor component={Link} to={`/cases/${c.caseId}`} size="sm">
                          {c.caseNumber}
                        </Anchor>
                        {' · '}
                      </>
                    )}
                    <Anchor href={`#note-${c.noteId}`} size="sm">
                      {t('commitments.fromNote')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {canComplete(c) && (
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
    </Paper>
  );
}
