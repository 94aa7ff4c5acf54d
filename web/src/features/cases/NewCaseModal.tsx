import { Button, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fieldError } from '../../lib/api';
import { useSession } from '../auth/session';
import { type CaseDetail, useOpenCase } from './cases.queries';

export function NewCaseModal({
  accountId,
  opened,
  onClose,
}: {
  accountId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [type, setType] = useState<CaseDetail['type']>('inquiry');
  const { user } = useSession();
  // the channel this desk works on: the last one chosen here (a chat desk stays on chat), else the phone
  const [channel, setChannel] = useState<CaseDetail['channel']>(lastChannel);
  const [mood, setMood] = useState<CaseDetail['mood']>('calm');
  const [subject, setSubject] = useState('');
  const create = useOpenCase();
  const submit = () =>
    create.mutate(
      { accountId, type, channel, mood, ...(subject.trim() ? { subject: subject.trim() } : {}) },
      {
        onSuccess: (c) => {
          rememberChannel(channel);
          navigate(`/cases/${c.id}`);
        },
      },
    );
  const options = (group: string, values: string[]) =>
    values.map((v) => ({ value: v, label: t(`case.${group}.${v}`) }));
  return (
    <Modal opened={opened} onClose={onClose} title={t('case.new')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          {/* the first field has the focus: the agent picks the type without reaching for the mouse */}
          <Select
            data-autofocus
            label={t('case.type')}
            data={options('types', ['cancellation', 'refund', 'complaint', 'inquiry'])}
            value={type}
            onChange={(v) => v && setType(v as CaseDetail['type'])}
            allowDeselect={false}
          />
          <Select
            label={t('case.channel')}
            data={options('channels', [...CHANNELS])}
            value={channel}
            onChange={(v) => v && setChannel(v as CaseDetail['channel'])}
            allowDeselect={false}
          />
          <Select
            label={t('case.mood')}
            data={options('moods', ['calm', 'upset', 'angry'])}
            value={mood}
            onChange={(v) => v && setMood(v as CaseDetail['mood'])}
            allowDeselect={false}
          />
          <TextInput
            label={t('case.subject')}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            error={fieldError(create.error, 'body.subject')}
          />
          {user && (
            <Text size="sm" data-testid="new-case-assignee">
              {t('case.assignedToYou', { name: user.displayName })}
            </Text>
          )}
          <Button type="submit" loading={create.isPending}>
            {t('case.open')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

const CHANNEL_KEY = 'kulanz.newCase.channel';
const CHANNELS: ReadonlyArray<CaseDetail['channel']> = ['phone', 'email', 'chat', 'web'];

function lastChannel(): CaseDetail['channel'] {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(CHANNEL_KEY) : null;
  return CHANNELS.find((c) => c === stored) ?? 'phone';
}

function rememberChannel(channel: CaseDetail['channel']) {
  localStorage.setItem(CHANNEL_KEY, channel);
}
