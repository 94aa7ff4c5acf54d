import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Select,
  Stack,
  Text,
  Title,
  useMantineTheme,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorText } from '../../lib/api';
import { dateTime, time } from '../../lib/format';
import { CancellationPanel } from '../cancellations/CancellationPanel';
import { CaseMessages } from '../messaging/CaseMessages';
import { NoteEditor } from '../notes/NoteEditor';
import { NotesHistory } from '../notes/NotesHistory';
import { useAccountNotes } from '../notes/notes.queries';
import { RefundPanel } from '../refunds/RefundPanel';
import { FollowUp } from '../surveys/FollowUp';
import { VerificationPanel } from '../verification/VerificationPanel';
import { CaseAccountSummary } from './CaseAccountSummary';
import { CaseTimeline } from './CaseTimeline';
import { type CaseDetail, useCase, useUpdateCase } from './cases.queries';

export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const kase = useCase(id);
  const notes = useAccountNotes(kase.data?.accountId);
  const update = useUpdateCase(id);
  // two columns from md up; below, one column, where a refund case's workspace comes right after
  // the verification it needs rather than after the whole left column
  const theme = useMantineTheme();
  const twoColumns = useMediaQuery(`(min-width: ${theme.breakpoints.md})`, true);
  if (kase.isLoading) return <Loader />;
  if (!kase.data) return <Alert color="red">{errorText(kase.error, t)}</Alert>;
  const c = kase.data;
  const closed = c.status === 'closed';
  const refunds = (
    <RefundPanel
      caseId={c.id}
      accountId={c.accountId}
      verified={c.verification.state === 'verified' || c.verification.state === 'override'}
      mood={c.mood}
    />
  );
  const cancellation = (
    <CancellationPanel
      caseId={c.id}
      accountId={c.accountId}
      verified={c.verification.state === 'verified' || c.verification.state === 'override'}
    />
  );
  // in one column (below md) a case's own workspace comes right after the verification it needs
  const workspaceFirst = !twoColumns && (c.type === 'refund' || c.type === 'cancellation');
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
            · {t(`case.channels.${c.channel}`)} · {dateTime(c.openedAt)}
            {c.assignee && ` · ${c.assignee.displayName}`}
          </Text>
        </div>
        <Group>
          <CaseVerificationBadge v={c.verification} />
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
            onChange={(v) => v && v !== c.status && update.mutate({ status: v as CaseDetail['status'] })}
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
            <CaseAccountSummary accountId={c.accountId} />
            <VerificationPanel caseId={c.id} accountId={c.accountId} />
            {workspaceFirst && c.type === 'cancellation' && cancellation}
            {(c.type !== 'refund' || !twoColumns) && refunds}
            <CaseMessages caseId={c.id} />
            <FollowUp caseId={c.id} />
            <CaseTimeline caseId={c.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            {c.type === 'refund' && twoColumns && refunds}
            {!(workspaceFirst && c.type === 'cancellation') && cancellation}
            <NoteEditor caseId={c.id} accountId={c.accountId} />
            <NotesHistory notes={notes.data?.items ?? []} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** The case header always says whether the caller is verified: who, and until when. */
function CaseVerificationBadge({ v }: { v: CaseDetail['verification'] }) {
  const { t } = useTranslation();
  const [color, text] =
    v.state === 'verified'
      ? [
          'green',
          t('verification.header.verified', {
            who: v.representativeName ?? t('verification.header.holder'),
            time: time(v.expiresAt),
          }),
        ]
      : v.state === 'override'
        ? ['green', t('verification.header.override', { time: time(v.expiresAt) })]
        : v.state === 'expired'
          ? ['yellow', t('verification.header.expired')]
          : ['gray', t('verification.header.unverified')];
  return (
    <Badge
      color={color}
      variant="light"
      size="lg"
      tt="none"
      data-testid="case-verification"
      data-state={v.state}
    >
      {text}
    </Badge>
  );
}
