import { Alert, Badge, Button, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { errorText } from '../../lib/api';
import { date, time } from '../../lib/format';
import { NewCaseModal } from '../cases/NewCaseModal';
import { NotesHistory } from '../notes/NotesHistory';
import { useAccountNotes } from '../notes/notes.queries';
import { OpenCommitments } from '../notes/OpenCommitments';
import { SurveyLine } from '../surveys/FollowUp';
import { useAccountSurveys } from '../surveys/surveys.queries';
import { UnlockVerification } from '../verification/UnlockVerification';
import { Cases, Money, OrdersAndPayments, Subscriptions } from './AccountSections';
import { useAccount } from './accounts.queries';

export function AccountPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const account = useAccount(id);
  const notes = useAccountNotes(id);
  const [newCase, setNewCase] = useState(false);
  useHotkeys([['n', () => setNewCase(true)]]);
  const surveys = useAccountSurveys(id);
  if (account.isLoading) return <Loader />;
  if (account.error || !account.data) return <Alert color="red">{errorText(account.error, t)}</Alert>;
  const v = account.data;
  const a = v.account;
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <div>
          <Group gap="xs">
            <Title order={3} data-testid="account-name">
              {a.firstName} {a.lastName}
            </Title>
            {a.status !== 'active' && (
              <Badge color="gray" variant="filled" data-testid="account-status-badge">
                {t(`account.statuses.${a.status}`)}
              </Badge>
            )}
            {a.verification.locked && (
              <Badge color="red" variant="filled" data-testid="verification-locked-badge">
                {t('verification.lockedBadge')}
              </Badge>
            )}
          </Group>
          <Text c="dimmed" size="sm">
            {a.accountNumber} · {t(`account.statuses.${a.status}`)} ·{' '}
            {t('account.customerSince', { date: date(a.signupAt), months: a.tenureMonths })} ·{' '}
            {t(`languages.${a.language}`)}
          </Text>
        </div>
        <Button onClick={() => setNewCase(true)} data-testid="new-case">
          {t('case.new')}
        </Button>
      </Group>
      {a.verification.locked && (
        <Alert color="red" title={t('verification.lockedTitle')} data-testid="account-locked">
          {t('verification.lockedUntil', { time: time(a.verification.lockedUntil) })}{' '}
          <Text span fw={700} size="sm">
            {t('verification.nextStepLead')}
          </Text>
          <UnlockVerification accountId={a.id} />
        </Alert>
      )}
      {!a.verification.locked && a.verification.flaggedAt && (
        <Alert color="orange">{t('verification.flagged')}</Alert>
      )}
      <OpenCommitments items={v.openCommitments} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Paper withBorder p="sm">
              <Title order={5} mb="xs">
                {t('account.contact')}
              </Title>
              <Text size="sm">{a.phone ?? '–'}</Text>
              <Text size="sm">{a.email ?? '–'}</Text>
              <Text size="sm">
                {a.street}, {a.postalCode} {a.city} ({a.country})
              </Text>
              <Text size="xs" c="dimmed">
                {t('account.channel')}:{' '}
                {t(`account.channels.${a.acquisitionChannel}`, { defaultValue: a.acquisitionChannel })}
              </Text>
            </Paper>
            {v.representatives.length > 0 && (
              <Paper withBorder p="sm">
                <Title order={5} mb="xs">
                  {t('account.representatives')}
                </Title>
                {v.representatives.map((r) => (
                  <Group key={r.id} gap="xs">
                    <Text size="sm">
                      {r.firstName} {r.lastName} (
                      {t(`account.relationships.${r.relationship}`, { defaultValue: r.relationship })})
                    </Text>
                    {r.canCancel && <Badge size="xs">{t('verification.mayCancel')}</Badge>}
                    {r.canRequestRefunds && <Badge size="xs">{t('verification.mayRefund')}</Badge>}
                  </Group>
                ))}
              </Paper>
            )}
            <Money view={v} />
            <Cases view={v} />
            {(surveys.data?.items.length ?? 0) > 0 && (
              <Paper withBorder p="sm">
                <Title order={5} mb="xs">
                  {t('surveys.title')}
                </Title>
                {surveys.data?.items.map((s) => (
                  <SurveyLine key={s.id} s={s} />
                ))}
              </Paper>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <NotesHistory notes={notes.data?.items ?? []} />
            <Subscriptions view={v} />
            <OrdersAndPayments view={v} />
          </Stack>
        </Grid.Col>
      </Grid>
      <NewCaseModal accountId={a.id} opened={newCase} onClose={() => setNewCase(false)} />
    </Stack>
  );
}
