import { Button, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type RefundRequest, useRefundScript } from './refunds.queries';

/** Statuses with a decision the customer is told about: the script says it in their words. */
export const DECIDED_STATUSES: RefundRequest['status'][] = ['approved', 'denied', 'executed', 'failed'];

/**
 * What the agent says on the phone about the decision: the server's script in the customer's
 * language, worded for the mood recorded, to read aloud (read-only) or copy.
 */
export function RefundScript({ r }: { r: RefundRequest }) {
  const { t } = useTranslation();
  const decided = DECIDED_STATUSES.includes(r.status);
  const script = useRefundScript(r, decided);
  const lines = script.data?.lines;
  if (!decided || !lines || lines.length === 0) return null;
  const text = lines.join('\n');
  return (
    <Paper withBorder p="xs" bg="blue.0" data-testid="refund-script" data-language={script.data?.language}>
      <Group justify="space-between" align="start" wrap="nowrap" mb={4}>
        <div>
          <Text size="sm" fw={600}>
            {t('refunds.script.title')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('refunds.script.hint', {
              language: t(`languages.${script.data?.language ?? 'de'}`),
              mood: t(`case.moods.${script.data?.mood ?? r.mood}`),
            })}
          </Text>
        </div>
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant={copied ? 'filled' : 'light'}
              color={copied ? 'teal' : 'blue'}
              onClick={copy}
            >
              {copied ? t('refunds.script.copied') : t('refunds.script.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Stack gap={4} lang={script.data?.language} data-testid="refund-script-lines">
        {lines.map((line) => (
          <Text key={line} size="sm">
            {line}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
