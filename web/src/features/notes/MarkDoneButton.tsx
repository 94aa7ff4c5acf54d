import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { useCompleteCommitment } from './notes.queries';

/** "Mark done" for one commitment; the list shares one mutation, so only the clicked row spins. */
export function MarkDoneButton({ id, done }: { id: string; done: ReturnType<typeof useCompleteCommitment> }) {
  const { t } = useTranslation();
  return (
    <Button
      size="compact-xs"
      variant="light"
      loading={done.isPending && done.variables === id}
      onClick={() => done.mutate(id)}
      data-testid="complete-commitment"
    >
      {t('commitments.markDone')}
    </Button>
  );
}
