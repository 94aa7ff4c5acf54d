import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../lib/format';
import { useCaseTimeline } from './cases.queries';

/** Everything that happened on the case, oldest first. */
export function CaseTimeline({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const timeline = useCaseTimeline(caseId);
  return (
    <Paper withBorder p="sm" data-testid="case-timeline">
      <Title order={5} mb="xs">
        {t('case.timeline')}
      </Title>
      <Stack gap={4}>
        {(timeline.data?.items ?? []).map((e) => (
          <Text key={e.id} size="sm">
            <Text span c="dimmed" size="xs">
              {dateTime(e.at)}
            </Text>{' '}
            {t(`audit.actions.${e.action}`, { defaultValue: e.action })} —{' '}
            {e.actor?.displayName ?? t(`roles.${e.actorRole ?? 'system'}`)}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
