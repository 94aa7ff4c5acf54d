import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { date, dateTime } from '../../lib/format';
import { AddendumForm } from './AddendumForm';
import type { Note } from './notes.queries';

/** The account's notes, newest first, as the agent reads them before acting; each note takes addenda. */
export function NotesHistory({ notes }: { notes: Note[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        {t('notes.history')}
      </Title>
      {notes.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('notes.none')}
        </Text>
      )}
      <Stack gap="sm" data-testid="notes-history">
        {notes.map((n) => (
          <Paper key={n.id} id={`note-${n.id}`} withBorder p="xs" data-testid="note">
            <Group justify="space-between">
              <Text size="sm" fw={600}>
                {n.contactReason}
              </Text>
              <Text size="xs" c="dimmed">
                {dateTime(n.createdAt)} · {n.author?.displayName} {n.caseNumber && `· ${n.caseNumber}`}
              </Text>
            </Group>
            <Text size="sm">
              <b>{t('notes.actionsTaken')}:</b> {n.actionsTaken}
            </Text>
            {n.body && <Text size="sm">{n.body}</Text>}
            {n.commitments.map((c) => (
              <Group key={c.id} gap="xs">
                <Badge size="sm" color={c.status === 'done' ? 'green' : c.overdue ? 'red' : 'blue'}>
                  {c.status === 'done'
                    ? t('commitments.done')
                    : c.overdue
                      ? t('commitments.overdue')
                      : t('commitments.open')}
                </Badge>
                <Text size="sm">
                  {c.description} — {c.owner.displayName}, {t('commitments.due', { date: date(c.dueOn) })}
                </Text>
              </Group>
            ))}
            {n.addenda.map((a) => (
              <Text key={a.id} size="sm" c="dimmed" ml="md" data-testid="addendum">
                {t('notes.addendum')} ({dateTime(a.createdAt)}, {a.author?.displayName}): {a.body}
              </Text>
            ))}
            <AddendumForm noteId={n.id} />
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}
