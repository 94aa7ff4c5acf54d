import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldError } from '../../lib/api';
import { useAddAddendum } from './notes.queries';

/** The "Addendum" action under a note: a small inline form; notes never change, corrections are appended. */
export function AddendumForm({ noteId }: { noteId: string }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const [body, setBody] = useState('');
  const add = useAddAddendum(noteId);
  const close = () => {
    setIsOpen(false);
    setBody('');
    add.reset();
  };
  if (!isOpen)
    return (
      <Group justify="flex-end">
        <Button size="compact-xs" variant="subtle" onClick={() => setIsOpen(true)} data-testid="add-addendum">
          {t('notes.addendum')}
        </Button>
      </Group>
    );
  const bodyError = fieldError(add.error, 'body.body') && t('notes.addendumInvalid');
  const otherError = add.error && !bodyError;
  return (
    <form
      data-testid="addendum-form"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(body, { onSuccess: close });
      }}
    >
      <Stack gap="xs" mt="xs">
        <Textarea
          label={t('notes.addendumLabel')}
          description={t('notes.addendumHint')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={bodyError}
          autosize
          minRows={2}
          maxLength={10_000}
        />
        {otherError && <Alert color="red">{errorText(add.error, t)}</Alert>}
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={close}>
            {t('notes.cancelAddendum')}
          </Button>
          <Button size="xs" type="submit" loading={add.isPending} data-testid="save-addendum">
            {t('notes.saveAddendum')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
