import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/api';
import { daysSince } from '../../lib/format';
import { useCompleteCommitment, useRefreshCommitments, useReopenCommitment } from './notes.queries';

/**
 * The rows of a commitment list as shown: the server's, plus those marked done here (kept where
 * they were, struck through, with an Undo) until the list is left or reloaded.
 */
export function useKeptRows<T extends { id: string }>(items: T[]) {
  const shown = useRef<T[]>([]);
  const [doneHere, setDoneHere] = useState<ReadonlySet<string>>(new Set());
  const ids = new Set(items.map((i) => i.id));
  const rows = [...items];
  shown.current.forEach((r, i) => {
    if (doneHere.has(r.id) && !ids.has(r.id)) rows.splice(Math.min(i, rows.length), 0, r);
  });
  shown.current = rows;
  return {
    rows,
    isDone: (id: string) => doneHere.has(id),
    markDone: (id: string) => setDoneHere((s) => new Set(s).add(id)),
    markOpen: (id: string) =>
      setDoneHere((s) => {
        const n = new Set(s);
        n.delete(id);
        return n;
      }),
  };
}

/**
 * "Mark done" for one commitment, a real button; once done the row stays where it was with an
 * Undo, so nothing slides under the cursor. Each row has its own mutation: a double click (the
 * second click lands on the spinning button, and a guard drops it) closes once.
 */
export function MarkDoneButton({
  id,
  isDone,
  onDone,
  onReopened,
}: {
  id: string;
  isDone: boolean;
  onDone: (id: string) => void;
  onReopened: (id: string) => void;
}) {
  const { t } = useTranslation();
  const complete = useCompleteCommitment();
  const reopen = useReopenCommitment();
  const refresh = useRefreshCommitments();
  const busy = useRef(false);
  const run = async (action: () => Promise<unknown>, after: () => void) => {
    if (busy.current) return;
    busy.current = true;
    try {
      await action();
      // the row is marked first, then the lists reload: it never leaves the screen in between
      after();
      await refresh();
    } catch {
      // the error shows beside the button (the mutation keeps it)
    } finally {
      busy.current = false;
    }
  };
  const error = complete.error ?? reopen.error;
  const errorLine = error && (
    <Text size="xs" c="red" role="alert">
      {errorText(error, t)}
    </Text>
  );
  if (isDone)
    return (
      <Stack gap={2}>
        <Group gap="xs" wrap="nowrap">
          <Badge color="green" variant="light">
            {t('commitments.doneBadge')}
          </Badge>
          <Button
            size="xs"
            variant="default"
            loading={reopen.isPending}
            onClick={(e) => {
              // the second click of a double click on "Erledigt" lands here: it must not undo
              if (e.detail > 1) return;
              void run(
                () => reopen.mutateAsync(id),
                () => onReopened(id),
              );
            }}
            data-testid="reopen-commitment"
          >
            {t('commitments.undo')}
          </Button>
        </Group>
        {errorLine}
      </Stack>
    );
  return (
    <Stack gap={2}>
      <Button
        size="xs"
        color="green"
        variant="filled"
        leftSection="✓"
        loading={complete.isPending}
        onClick={() =>
          void run(
            () => complete.mutateAsync(id),
            () => onDone(id),
          )
        }
        data-testid="complete-commitment"
      >
        {t('commitments.markDone')}
      </Button>
      {errorLine}
    </Stack>
  );
}

/** "überfällig seit 3 Tagen" / "fällig 12.05.2026": the state in words, not in colour alone. */
export function DueText({
  dueOn,
  overdue,
  formatted,
}: {
  dueOn: string;
  overdue: boolean;
  formatted: string;
}) {
  const { t } = useTranslation();
  if (!overdue) return <>{t('commitments.due', { date: formatted })}</>;
  // the server said overdue (its business day decides), so it is at least one day
  const days = Math.max(1, daysSince(dueOn));
  return (
    <>
      {t('commitments.overdueSince', { count: days })} ({formatted})
    </>
  );
}
