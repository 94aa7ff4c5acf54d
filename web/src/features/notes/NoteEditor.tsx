import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, fieldError } from '../../lib/api';
import { DateField } from '../../lib/DateField';
import { useSession } from '../auth/session';
import { useStaff } from '../staff/staff.queries';
import { useWriteNote } from './notes.queries';

/** Errors about a field this form shows next to that field; every other error gets its own alert. */
const FORM_FIELD = /^body\.(contactReason|actionsTaken|commitments\.\d+\.(description|dueOn))$/;
const shownInForm = (error: unknown) => error instanceof ApiError && FORM_FIELD.test(error.field ?? '');

interface Row {
  key: number;
  description: string;
  ownerId: string;
  dueOn: string;
}

export function NoteEditor({ caseId, accountId }: { caseId: string; accountId: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const staff = useStaff();
  const [contactReason, setContactReason] = useState('');
  const first = useRef<HTMLInputElement>(null);
  // N jumps to the note, the last step of every call
  useHotkeys([['n', () => first.current?.focus()]]);
  const [actionsTaken, setActionsTaken] = useState('');
  const [body, setBody] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const save = useWriteNote(accountId, caseId);
  const submit = () =>
    save.mutate(
      {
        contactReason,
        actionsTaken,
        ...(body.trim() ? { body } : {}),
        commitments: rows
          .filter((r) => r.description.trim())
          .map((r) => ({ description: r.description, ownerId: r.ownerId, dueOn: r.dueOn })),
      },
      {
        onSuccess: () => {
          setContactReason('');
          setActionsTaken('');
          setBody('');
          setRows([]);
          notifications.show({ message: t('notes.saved'), color: 'green' });
        },
      },
    );
  const owners = (staff.data?.items ?? [])
    .filter((s) => s.isActive)
    .map((s) => ({ value: s.id, label: s.displayName }));
  const setRow = (i: number, patch: Partial<Row>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        {t('notes.new')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="xs">
          <TextInput
            ref={first}
            label={t('notes.contactReason')}
            value={contactReason}
            onChange={(e) => setContactReason(e.currentTarget.value)}
            error={fieldError(save.error, 'body.contactReason')}
            required
          />
          <Textarea
            label={t('notes.actionsTaken')}
            value={actionsTaken}
            onChange={(e) => setActionsTaken(e.currentTarget.value)}
            error={fieldError(save.error, 'body.actionsTaken')}
            autosize
            minRows={2}
            required
          />
          <Textarea
            label={t('notes.body')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          {rows.map((r, i) => (
            <Group key={r.key} align="end" gap="xs" wrap="nowrap">
              <TextInput
                style={{ flex: 2 }}
                label={t('commitments.description')}
                value={r.description}
                onChange={(e) => setRow(i, { description: e.currentTarget.value })}
                error={fieldError(save.error, `body.commitments.${i}.description`)}
              />
              <Select
                style={{ flex: 1 }}
                label={t('commitments.owner')}
                data={owners}
                value={r.ownerId}
                onChange={(v) => v && setRow(i, { ownerId: v })}
                allowDeselect={false}
              />
              <DateField
                label={t('commitments.dueOn')}
                value={r.dueOn}
                onChange={(dueOn) => setRow(i, { dueOn })}
                error={fieldError(save.error, `body.commitments.${i}.dueOn`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('common.remove')}
                onClick={() => setRows(rows.filter((_, j) => j !== i))}
                mb={4}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {save.error && !shownInForm(save.error) && (
            <Alert color="red" data-testid="note-error">
              {errorText(save.error, t)}
            </Alert>
          )}
          <Group>
            <Button
              variant="light"
              onClick={() =>
                setRows([
                  ...rows,
                  {
                    key: Date.now(),
                    description: '',
                    ownerId: user?.id ?? '',
                    dueOn: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
                  },
                ])
              }
            >
              {t('commitments.add')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-note">
              {t('notes.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
