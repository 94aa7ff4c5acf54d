import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, fieldError, get, post } from '../../lib/api';
import { refetchWhenPassed, time } from '../../lib/format';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useSession } from '../../lib/session';
import type { VerificationState } from '../../lib/types';
import { UnlockVerification } from '../accounts/UnlockVerification';

interface Panel {
  config: { factors: string[]; required: number; ttlMinutes: number };
  state: VerificationState;
  lock: { remainingAttempts: number; locked: boolean; lockedUntil: string | null; flaggedAt: string | null };
  subjects: Array<{ type: 'holder' | 'representative'; id: string; name: string; factors: string[] }>;
}
interface VerifyResult {
  result: 'verified' | 'failed' | 'locked';
  remainingAttempts: number;
  lockedUntil: string | null;
}

export function VerificationPanel({ caseId, accountId }: { caseId: string; accountId: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const qc = useQueryClient();
  const panel = useQuery({
    queryKey: ['verification', caseId],
    queryFn: () => get<Panel>(`/api/cases/${caseId}/verification`),
    // a lock clears itself when it ends, and a verification shows as expired when it does
    refetchInterval: (q) =>
      refetchWhenPassed(q.state.data?.lock.lockedUntil ?? q.state.data?.state.expiresAt),
  });
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [last, setLast] = useState<VerifyResult | null>(null);
  const [reason, setReason] = useState('');
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['verification', caseId] });
    void qc.invalidateQueries({ queryKey: ['case', caseId] });
    void qc.invalidateQueries({ queryKey: ['account', accountId] });
    void qc.invalidateQueries({ queryKey: ['timeline', caseId] });
  };
  const subjects = panel.data?.subjects ?? [];
  const subject = subjects.find((s) => s.id === subjectId) ?? subjects[0];
  const verify = useMutation({
    mutationFn: () =>
      post<VerifyResult>(`/api/cases/${caseId}/verification`, {
        subject:
          subject?.type === 'representative'
            ? { type: 'representative', representativeId: subject.id }
            : { type: 'holder' },
        answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v.trim())),
      }),
    onSuccess: (r) => {
      setLast(r);
      setAnswers({});
      refresh();
    },
    onError: refresh,
  });
  // one key per code the agent means to send: a double click or a retried request sends one code
  const [codeKey, setCodeKey] = useState(newIdempotencyKey);
  const sendCode = useMutation({
    mutationFn: () =>
      post(`/api/cases/${caseId}/verification/email-code`, undefined, {
        headers: { 'Idempotency-Key': codeKey },
      }),
    onSuccess: () => {
      setCodeKey(newIdempotencyKey());
      refresh();
    },
  });
  const override = useMutation({
    mutationFn: () => post(`/api/cases/${caseId}/verification/override`, { reason }),
    onSuccess: refresh,
  });
  if (!panel.data) return null;
  const { state, lock, config } = panel.data;
  const verified = state.state === 'verified' || state.state === 'override';
  return (
    <Paper withBorder p="sm" data-testid="verification-panel">
      <Title order={5} mb="xs">
        {t('verification.title')}
      </Title>
      {verified && (
        <Alert color="green" mb="xs" data-testid="verification-state">
          {t(state.state === 'override' ? 'verification.overridden' : 'verification.verifiedUntil', {
            time: time(state.expiresAt),
            name: state.representativeName ?? '',
          })}
        </Alert>
      )}
      {state.state === 'expired' && (
        <Alert color="yellow" mb="xs">
          {t('verification.expired')}
        </Alert>
      )}
      {lock.locked ? (
        <Alert color="red" data-testid="verification-locked">
          {t('verification.lockedUntil', { time: time(lock.lockedUntil) })} {t('verification.flagged')}
          <UnlockVerification accountId={accountId} />
        </Alert>
      ) : (
        !verified && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              verify.mutate();
            }}
          >
            <Stack gap="xs">
              {subjects.length > 1 && (
                <SegmentedControl
                  value={subject?.id}
                  onChange={setSubjectId}
                  data={subjects.map((s) => ({
                    value: s.id,
                    label: s.type === 'holder' ? t('verification.holder', { name: s.name }) : s.name,
                  }))}
                />
              )}
              <Text size="xs" c="dimmed">
                {t('verification.askFor', { count: config.required })}
              </Text>
              {subject?.factors.map((f) => (
                <Group key={f} align="end" gap="xs">
                  <TextInput
                    style={{ flex: 1 }}
                    label={t(`verification.factors.${f}`)}
                    value={answers[f] ?? ''}
                    onChange={(e) => setAnswers({ ...answers, [f]: e.currentTarget.value })}
                    error={fieldError(verify.error, `body.answers.${f}`)}
                    autoComplete="off"
                  />
                  {f === 'email_code' && (
                    <Button variant="light" onClick={() => sendCode.mutate()} loading={sendCode.isPending}>
                      {t('verification.sendCode')}
                    </Button>
                  )}
                </Group>
              ))}
              {sendCode.isSuccess && <Text size="xs">{t('verification.codeSent')}</Text>}
              {sendCode.error && (
                <Alert color="red" data-testid="send-code-error">
                  {errorText(sendCode.error, t)}
                </Alert>
              )}
              {last?.result === 'failed' && (
                <Alert color="orange" data-testid="verification-failed">
                  {t('verification.failed', { count: last.remainingAttempts })}
                </Alert>
              )}
              {verify.error instanceof ApiError && !verify.error.field?.startsWith('body.answers.') && (
                <Alert color="red">{errorText(verify.error, t)}</Alert>
              )}
              <Button type="submit" loading={verify.isPending} data-testid="verify">
                {t('verification.check')}
              </Button>
            </Stack>
          </form>
        )
      )}
      {!verified && user?.role !== 'agent' && (
        <Stack gap="xs" mt="sm">
          <Textarea
            label={t('verification.overrideReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError(override.error, 'body.reason')}
            autosize
            minRows={2}
          />
          <Button
            variant="outline"
            color="orange"
            onClick={() => override.mutate()}
            loading={override.isPending}
          >
            {t('verification.override')}
          </Button>
        </Stack>
      )}
    </Paper>
  );
}
