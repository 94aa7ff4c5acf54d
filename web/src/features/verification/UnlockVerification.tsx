import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldError } from '../../lib/api';
import { useSession } from '../auth/session';
import { useUnlockVerification } from './verification.queries';

/**
 * "Unlock" where the verification lock is shown: leads and admins lift it early with a written
 * reason (audited); agents do not see it, and the server refuses them anyway.
 */
export function UnlockVerification({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [isOpen, setIsOpen] = useState(false);
  const [reason, setReason] = useState('');
  const unlock = useUnlockVerification(accountId);
  if (!user || user.role === 'agent') return null;
  const close = () => {
    setIsOpen(false);
    setReason('');
    unlock.reset();
  };
  if (!isOpen)
    return (
      <Button
        size="xs"
        mt="xs"
        variant="white"
        color="red"
        onClick={() => setIsOpen(true)}
        data-testid="unlock-verification"
      >
        {t('verification.unlock')}
      </Button>
    );
  const reasonError = fieldError(unlock.error, 'body.reason') && t('verification.unlockReasonInvalid');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        unlock.mutate(reason, {
          onSuccess: () => {
            close();
            notifications.show({ message: t('verification.unlocked'), color: 'green' });
          },
        });
      }}
    >
      <Stack gap="xs" mt="xs">
        <Textarea
          label={t('verification.unlockReason')}
          description={t('verification.unlockHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={reasonError}
          autosize
          minRows={2}
        />
        {unlock.error && !reasonError && <Alert color="red">{errorText(unlock.error, t)}</Alert>}
        <Group gap="xs">
          <Button size="xs" type="submit" color="red" loading={unlock.isPending} data-testid="confirm-unlock">
            {t('verification.unlock')}
          </Button>
          <Button size="xs" variant="default" onClick={close}>
            {t('verification.unlockCancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
