import { Alert, Grid, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorText } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { CaseAccountSummary } from '../cases/CaseAccountSummary';
import { RefundActions } from './RefundActions';
import { RefundEvidence } from './RefundEvidence';
import { RefundRequestView } from './RefundRequestView';
import { useStaffName } from './refund-words';
import { useRefundRequest } from './refunds.queries';

/** One request from the exceptions queue: its documentation, evaluation, the account, the history and the lead's decision. */
export function ExceptionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const request = useRefundRequest(id);
  const staffName = useStaffName();
  if (request.isLoading) return <Loader />;
  if (!request.data) return <Alert color="red">{errorText(request.error, t)}</Alert>;
  const r = request.data;
  return (
    <Stack maw={1200}>
      <Link to="/exceptions">{t('exceptions.back')}</Link>
      <Title order={3}>{t('exceptions.requestTitle')}</Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Paper withBorder p="sm" data-testid="exception-request">
              <RefundRequestView r={r} />
              <div style={{ marginTop: 8 }}>
                <RefundEvidence r={r} />
              </div>
              <Text size="sm" mt="xs">
                <Link to={`/cases/${r.caseId}`}>{t('exceptions.openCase')}</Link>
              </Text>
            </Paper>
            <Paper withBorder p="sm">
              <Title order={5} mb="xs">
                {t('exceptions.decision')}
              </Title>
              <RefundActions r={r} where="queue" />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <CaseAccountSummary accountId={r.accountId} />
            <Paper withBorder p="sm">
              <Title order={5} mb="xs">
                {t('exceptions.history')}
              </Title>
              <Stack gap={4}>
                {r.history.map((h) => (
                  <Text size="sm" key={`${h.at}-${h.toStatus}`}>
                    {dateTime(h.at)} · {t(`refunds.statuses.${h.toStatus}`)} ·{' '}
                    {h.actorId ? staffName(h.actorId) : t('roles.system')}
                    {h.note && ` — ${h.note}`}
                  </Text>
                ))}
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
