import { Alert, Badge, Button, Grid, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorText, get, patch } from '../../lib/api';
import { dateTime } from '../../lib/format';
import type { CaseDetail } from '../../lib/types';
import { useAccountNotes } from '../accounts/account.queries';
import { NotesHistory } from '../notes/NotesHistory';
import { CaseMessages, CaseTimeline } from './CaseActivity';
import { FollowUp } from './FollowUp';
import { NoteEditor } from './NoteEditor';
import { VerificationPanel } from './VerificationPanel';

export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const kase = useQuery({ queryKey: ['case', id], queryFn: () => get<CaseDetail>(`/api/cases/${id}`) });
  const notes = useAccountNotes(kase.data?.accountId ?? '');
  const update = useMutation({
    mutationFn: (body: object) => patch<CaseDetail>(`/api/cases/${id}`, body),
    onSuccess: (c) => {
      qc.setQueryData(['case', id], c);
      void qc.invalidateQueries({ queryKey: ['timeline', id] });
      void qc.invalidateQueries({ queryKey: ['surveys', id] });
    },
  });
  if (kase.isLoading) return <Loader />;
  if (!kase.data) return <Alert color="red">{errorText(kase.error, t)}</Alert>;
  const c = kase.data;
  const closed = c.status === 'closed';
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <div>
          <Title order={3} data-testid="case-number">
            {c.caseNumber} · {t(`case.types.${c.type}`)}
          </Title>
          {c.subject && (
            <Text fw={500} data-testid="case-subject">
              {c.subject}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            <Link to={`/accounts/${c.accountId}`}>
              {c.customerName} ({c.accountNumber})
            </Link>{' '}
            · {t(`case.channels.${c.channel}`)} · {dateTime(c.openedAt)} · {c.assignee?.displayName}
          </Text>
        </div>
        <Group>
          <Badge color={c.mood === 'angry' ? 'red' : c.mood === 'upset' ? 'orange' : 'gray'}>
            {t(`case.moods.${c.mood}`)}
          </Badge>
          <Select
            aria-label={t('case.status')}
            w={160}
            disabled={closed}
            data={['open', 'pending', 'resolved', 'closed'].map((s) => ({
              value: s,
              label: t(`case.statuses.${s}`),
            }))}
            value={c.status}
            onChange={(v) => v && v !== c.status && update.mutate({ status: v })}
            allowDeselect={false}
          />
          {!closed && (
            <Button variant="light" onClick={() => update.mutate({ status: 'closed' })}>
              {t('case.close')}
            </Button>
          )}
        </Group>
      </Group>
      {update.error && <Alert color="red">{errorText(update.error, t)}</Alert>}
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <VerificationPanel caseId={c.id} accountId={c.accountId} />
            <CaseMessages caseId={c.id} />
            <FollowUp caseId={c.id} />
            <CaseTimeline caseId={c.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <NoteEditor caseId={c.id} accountId={c.accountId} />
            <NotesHistory notes={notes.data?.items ?? []} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
