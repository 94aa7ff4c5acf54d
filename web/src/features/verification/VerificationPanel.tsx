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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, fieldError } from '../../lib/api';
import { time } from '../../lib/format';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useSession } from '../auth/session';
import { UnlockVerification } from './UnlockVerification';
import {
  type Factor,
  useOverrideVerification,
  useSendEmailCode,
  useVerificationPanel,
  useVerifyCaller,
  type VerifyResult,
} from './verification.queries';

export function VerificationPanel({ caseId, accountId }: { caseId: string; accountId: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const panel = useVerificationPanel(caseId);
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Partial<Record<Factor, string>>>({});
  const [last, setLast] = useState<VerifyResult | null>(null);
  const [reason, setReason] = useState('');
  const subjects = panel.data?.subjects ?? [];
  const subject = subjects.find((s) => s.id === subjectId) ?? subjects[0];
  const verify = useVerifyCaller(caseId, accountId);
  const check = () =>
    verify.mutate(
      {
        subject:
          subject?.type === 'representative'
            ? { type: 'representative', representativeId: subject.id }
            : { type: 'holder' },
        answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v?.trim())),
      },
      {
        onSuccess: (r) => {
          setLast(r);
          // a failed check keeps what was typed: the agent corrects one answer, not all of them
          if (r.result !== 'failed') setAnswers({});
        },
      },
    );
  // one key per code the agent means to send: a double click or a retried request sends one code
  const [codeKey, setCodeKey] = useState(newIdempotencyKey);
  const sendCode = useSendEmailCode(caseId, accountId);
  const override = useOverrideVerification(caseId, accountId);
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
          {t('verification.lockedUntil', { time: time(lock.lockedUntil) })} {t('verification.flagged')}{' '}
          <Text span fw={700} size="sm">
            {t('verification.nextStepLead')}
          </Text>
          <UnlockVerification accountId={accountId} />
        </Alert>
      ) : (
        !verified && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              check();
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
                    <Button
                      variant="light"
                      onClick={() =>
                        sendCode.mutate(codeKey, { onSuccess: () => setCodeKey(newIdempotencyKey()) })
                      }
                      loading={sendCode.isPending}
                    >
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
                <Alert
                  color={last.remainingAttempts <= 1 ? 'red' : 'orange'}
                  variant={last.remainingAttempts <= 1 ? 'filled' : 'light'}
                  title={last.remainingAttempts <= 1 ? t('verification.lastTry') : undefined}
                  data-testid="verification-failed"
                  data-last-try={last.remainingAttempts <= 1}
                >
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
            onClick={() => override.mutate(reason)}
            loading={override.isPending}
          >
            {t('verification.override')}
          </Button>
        </Stack>
      )}
    </Paper>
  );
}
