import {
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/api';
import { type Settings, type SettingsInput, useSaveSettings, useSettings } from './settings.queries';

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings();
  const [v, setV] = useState<SettingsInput['verification'] | null>(null);
  const [d, setD] = useState<SettingsInput['desk'] | null>(null);
  const [f, setF] = useState<SettingsInput['follow-up'] | null>(null);
  const [c, setC] = useState<SettingsInput['call-script'] | null>(null);
  useEffect(() => {
    if (settings.data) {
      setV({
        factors: settings.data.verification.factors,
        required: settings.data.verification.required,
        ttlMinutes: settings.data.verification.ttlMinutes,
      });
      setD(settings.data.desk);
      setF(settings.data.followUp);
      setC(settings.data.callScript);
    }
  }, [settings.data]);
  const saved = { onSuccess: () => notifications.show({ message: t('common.saved'), color: 'green' }) };
  const saveV = useSaveSettings('verification');
  const saveD = useSaveSettings('desk');
  const saveF = useSaveSettings('follow-up');
  const saveC = useSaveSettings('call-script');
  const factorList = settings.data?.verification.availableFactors ?? [];
  if (!v || !d || !f || !c) return null;
  return (
    <Stack maw={800}>
      <Title order={3}>{t('nav.settings')}</Title>
      <Paper withBorder p="sm">
        <Title order={5}>{t('settings.verification')}</Title>
        <Checkbox.Group
          value={v.factors}
          onChange={(factors) => setV({ ...v, factors: factors as Settings['verification']['factors'] })}
          error={fieldError(saveV.error, 'body.factors')}
          description={t('settings.hiddenFactorRule')}
        >
          <Group mt="xs">
            {factorList.map(({ factor, shownToAgent }) => (
              <Checkbox
                key={factor}
                value={factor}
                data-shown-to-agent={shownToAgent}
                label={
                  <Group gap={4} wrap="nowrap">
                    {t(`verification.factors.${factor}`)}
                    {shownToAgent && (
                      <Badge size="xs" variant="light" color="gray">
                        {t('settings.shownToAgent')}
                      </Badge>
                    )}
                  </Group>
                }
              />
            ))}
          </Group>
        </Checkbox.Group>
        <Group mt="xs">
          <NumberInput
            label={t('settings.required')}
            value={v.required}
            min={1}
            max={6}
            onChange={(n) => setV({ ...v, required: Number(n) })}
            error={fieldError(saveV.error, 'body.required')}
          />
          <NumberInput
            label={t('settings.ttlMinutes')}
            value={v.ttlMinutes}
            min={5}
            max={480}
            onChange={(n) => setV({ ...v, ttlMinutes: Number(n) })}
            error={fieldError(saveV.error, 'body.ttlMinutes')}
          />
        </Group>
        <Button mt="sm" onClick={() => saveV.mutate(v, saved)} loading={saveV.isPending}>
          {t('common.save')}
        </Button>
      </Paper>
      <Paper withBorder p="sm">
        <Title order={5}>{t('settings.desk')}</Title>
        <Stack gap="xs">
          <TextInput
            label={t('settings.companyName')}
            value={d.companyName}
            onChange={(e) => setD({ ...d, companyName: e.currentTarget.value })}
            error={fieldError(saveD.error, 'body.companyName')}
          />
          <TextInput
            label={t('settings.supportEmail')}
            value={d.supportEmail}
            onChange={(e) => setD({ ...d, supportEmail: e.currentTarget.value })}
            error={fieldError(saveD.error, 'body.supportEmail')}
          />
          <TextInput
            label={t('settings.supportPhone')}
            value={d.supportPhone}
            onChange={(e) => setD({ ...d, supportPhone: e.currentTarget.value })}
          />
          <Group grow align="flex-start">
            {(['de', 'en'] as const).map((lang) => (
              <TextInput
                key={lang}
                label={t(`settings.greeting.${lang}`)}
                description={t('settings.greeting.example', { greeting: d.greeting[lang] })}
                value={d.greeting[lang]}
                maxLength={60}
                onChange={(e) => setD({ ...d, greeting: { ...d.greeting, [lang]: e.currentTarget.value } })}
                error={fieldError(saveD.error, `body.greeting.${lang}`)}
              />
            ))}
          </Group>
          <Textarea
            label={t('settings.signatureDe')}
            value={d.signatureDe}
            onChange={(e) => setD({ ...d, signatureDe: e.currentTarget.value })}
            autosize
          />
          <Textarea
            label={t('settings.signatureEn')}
            value={d.signatureEn}
            onChange={(e) => setD({ ...d, signatureEn: e.currentTarget.value })}
            autosize
          />
          <Button onClick={() => saveD.mutate(d, saved)} loading={saveD.isPending} data-testid="desk-save">
            {t('common.save')}
          </Button>
        </Stack>
      </Paper>
      <Paper withBorder p="sm">
        <Title order={5}>{t('settings.callScript.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('settings.callScript.hint', { variables: '{{agent.name}}, {{company.name}}' })}
        </Text>
        <Stack gap="xs" mt="xs">
          {(['de', 'en'] as const).map((lang) => (
            <Textarea
              key={lang}
              label={t(`settings.callScript.${lang}`)}
              value={c[lang]}
              onChange={(e) => setC({ ...c, [lang]: e.currentTarget.value })}
              error={fieldError(saveC.error, `body.${lang}`)}
              autosize
              data-testid={`call-script-${lang}`}
            />
          ))}
          <Button
            onClick={() => saveC.mutate(c, saved)}
            loading={saveC.isPending}
            data-testid="call-script-save"
          >
            {t('common.save')}
          </Button>
        </Stack>
      </Paper>
      <Paper withBorder p="sm">
        <Title order={5}>{t('settings.followUp')}</Title>
        <Group mt="xs">
          <NumberInput
            label={t('settings.delayDays')}
            value={f.delayDays}
            min={0}
            max={90}
            onChange={(n) => setF({ ...f, delayDays: Number(n) })}
            error={fieldError(saveF.error, 'body.delayDays')}
          />
          <NumberInput
            label={t('settings.validDays')}
            value={f.validDays}
            min={1}
            max={90}
            onChange={(n) => setF({ ...f, validDays: Number(n) })}
            error={fieldError(saveF.error, 'body.validDays')}
          />
        </Group>
        <Button mt="sm" onClick={() => saveF.mutate(f, saved)} loading={saveF.isPending}>
          {t('common.save')}
        </Button>
      </Paper>
    </Stack>
  );
}
