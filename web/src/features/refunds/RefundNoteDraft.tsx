import { ActionIcon, Alert, Button, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldError } from '../../lib/api';
import { DateField } from '../../lib/DateField';
import { time } from '../../lib/format';
import { useWriteNote } from '../notes/notes.queries';
import { DECIDED_STATUSES } from './RefundScript';
import { type RefundRequest, useRefundNoteDraft } from './refunds.queries';

interface Row {
  key: number;
  description: string;
  dueOn: string;
}

/**
 * The account note drafted from what happened to a decided request (reason, actions, the promises
 * made, such as when the money arrives), for the agent to check, change and save as the account
 * note through the notes API. Once saved, the panel says so.
 */
export function RefundNoteDraft({ r }: { r: RefundRequest }) {
  const { t } = useTranslation();
  const decided = DECIDED_STATUSES.includes(r.status);
  const draft = useRefundNoteDraft(r, decided);
  const save = useWriteNote(r.accountId, r.caseId);
  const [contactReason, setContactReason] = useState('');
  const [actionsTaken, setActionsTaken] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  // saved once per request and outcome: a reload in this tab still says so rather than offering it again
  const savedKey = `kulanz:refund-note-saved:${r.id}:${r.status}`;
  const [savedAt, setSavedAt] = useState<string | null>(() => sessionStorage.getItem(savedKey));
  const data = draft.data;
  useEffect(() => {
    if (!data) return;
    setContactReason(data.contactReason);
    setActionsTaken(data.actionsTaken);
    setRows(data.commitments.map((c, i) => ({ key: i, description: c.description, dueOn: c.dueOn })));
  }, [data]);
  if (!decided) return null;
  if (savedAt)
    return (
      <Alert color="green" data-testid="refund-note-saved">
        {t('refunds.noteDraft.saved', { time: time(savedAt) })}
      </Alert>
    );
  if (!data) return null;
  const setRow = (i: number, patch: Partial<Row>) =>
    setRows(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const submit = () =>
    save.mutate(
      {
        contactReason,
        actionsTaken,
        commitments: rows
          .filter((row) => row.description.trim())
          .map((row) => ({ description: row.description, dueOn: row.dueOn })),
      },
      {
        onSuccess: (note) => {
          sessionStorage.setItem(savedKey, note.createdAt);
          setSavedAt(note.createdAt);
        },
      },
    );
  const shownAtField = ['body.contactReason', 'body.actionsTaken'].some((f) => fieldError(save.error, f, t));
  return (
    <Paper withBorder p="xs" data-testid="refund-note-draft">
      <Text size="sm" fw={600}>
        {t('refunds.noteDraft.title')}
      </Text>
      <Text size="xs" c="dimmed" mb={4}>
        {t('refunds.noteDraft.hint')}
      </Text>
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          submit();
        }}
      >
        <Stack gap="xs">
          <TextInput
            label={t('notes.contactReason')}
            value={contactReason}
            onChange={(ev) => setContactReason(ev.currentTarget.value)}
            error={fieldError(save.error, 'body.contactReason', t)}
            required
          />
          <Textarea
            label={t('notes.actionsTaken')}
            value={actionsTaken}
            onChange={(ev) => setActionsTaken(ev.currentTarget.value)}
            error={fieldError(save.error, 'body.actionsTaken', t)}
            autosize
            minRows={2}
            required
          />
          {rows.length > 0 && (
            <Text size="xs" fw={600}>
              {t('refunds.noteDraft.commitments')}
            </Text>
          )}
          {rows.map((row, i) => (
            <Group key={row.key} align="end" gap="xs" wrap="nowrap" data-testid="refund-note-commitment">
              <TextInput
                style={{ flex: 2 }}
                label={t('commitments.description')}
                value={row.description}
                onChange={(ev) => setRow(i, { description: ev.currentTarget.value })}
                error={fieldError(save.error, `body.commitments.${i}.description`, t)}
              />
              <DateField
                style={{ flex: 1 }}
                label={t('refunds.noteDraft.dueOn')}
                value={row.dueOn}
                onChange={(dueOn) => setRow(i, { dueOn })}
                error={fieldError(save.error, `body.commitments.${i}.dueOn`, t)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('refunds.noteDraft.remove')}
                onClick={() => setRows(rows.filter((_, j) => j !== i))}
                mb={4}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {save.error && !shownAtField && (
            <Alert color="red" data-testid="refund-note-error">
              {errorText(save.error, t)}
            </Alert>
          )}
          <Group>
            <Button type="submit" size="xs" loading={save.isPending} data-testid="refund-note-save">
              {t('refunds.noteDraft.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
