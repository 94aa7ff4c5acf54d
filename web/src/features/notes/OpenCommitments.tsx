import { Alert, Anchor, Badge, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../lib/api';
import { date } from '../../lib/format';
import { useSession } from '../auth/session';
import { MarkDoneButton } from './MarkDoneButton';
import { type OpenCommitment, useCompleteCommitment } from './notes.queries';

/**
 * What was promised to this customer and not yet kept, due first, overdue ones in red; the owner
 * (or a lead) marks one done here.
 */
export function OpenCommitments({ items }: { items: OpenCommitment[] }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const done = useCompleteCommitment();
  const canComplete = (c: OpenCommitment) => user?.id === c.owner.id || (user && user.role !== 'agent');
  const overdueCount = items.filter((c) => c.overdue).length;
  // nothing promised, nothing to show: the space belongs to what the agent needs on this call
  if (items.length === 0) return null;
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
      <Table>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr
              key={c.id}
              data-testid="open-commitment"
              data-overdue={c.overdue}
              bg={c.overdue ? 'var(--mantine-color-red-light)' : undefined}
            >
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge color={c.overdue ? 'red' : 'blue'} variant={c.overdue ? 'filled' : 'light'}>
                  {c.overdue ? `${t('commitments.overdue')} · ${date(c.dueOn)}` : date(c.dueOn)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={c.overdue ? 600 : undefined}>
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
              <Table.Td>{canComplete(c) && <MarkDoneButton id={c.id} done={done} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {done.error && (
        <Alert color="red" mt="xs">
          {errorText(done.error, t)}
        </Alert>
      )}
    </Paper>
  );
}
