import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { type Survey, useCancelFollowUp, useCaseSurveys, useScheduleFollowUp } from './surveys.queries';

export function SurveyLine({ s }: { s: Survey }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" data-testid="survey">
      <Badge color={s.state === 'answered' ? 'green' : s.state === 'cancelled' ? 'gray' : 'blue'}>
        {t(`surveys.states.${s.state}`)}
      </Badge>
      {s.state === 'answered' && s.rating !== null && s.rating <= 2 && (
        <Badge color="red" variant="light" data-testid="survey-low-rating">
          {t('surveys.lowRating')}
        </Badge>
      )}
      {s.state === 'answered' ? (
        <Text size="sm">
          {'★'.repeat(s.rating ?? 0)}
          {'☆'.repeat(5 - (s.rating ?? 0))} {s.comment && `„${s.comment}“`} · {dateTime(s.answeredAt)}
        </Text>
      ) : (
        <Text size="sm">
          {s.state === 'scheduled'
            ? t('surveys.dueAt', { at: dateTime(s.dueAt) })
            : dateTime(s.sentAt ?? s.dueAt)}
        </Text>
      )}
    </Group>
  );
}

/** The case's satisfaction follow-up: scheduled on closing, cancellable until it goes out, and the answer. */
export function FollowUp({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const surveys = useCaseSurveys(caseId);
  const schedule = useScheduleFollowUp(caseId);
  const cancel = useCancelFollowUp(caseId);
  const items = surveys.data?.items ?? [];
  const open = items.find((s) => s.state === 'scheduled' || s.state === 'sent');
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        {t('surveys.title')}
      </Title>
      <Stack gap={4}>
        {items.map((s) => (
          <SurveyLine key={s.id} s={s} />
        ))}
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('surveys.none')}
          </Text>
        )}
        <Group>
          {!open && (
            <Button size="xs" variant="light" onClick={() => schedule.mutate()} loading={schedule.isPending}>
              {t('surveys.schedule')}
            </Button>
          )}
          {open?.state === 'scheduled' && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => cancel.mutate()}
              loading={cancel.isPending}
            >
              {t('surveys.cancel')}
            </Button>
          )}
        </Group>
        {(schedule.error || cancel.error) && (
          <Text size="xs" c="red">
            {errorText(schedule.error ?? cancel.error, t)}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
