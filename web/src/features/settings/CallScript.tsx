import { Group, Paper, SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallScript } from './settings.queries';

/** What the agent says on picking up (seed 002, step 1), in the caller's language once known. */
export function CallScript() {
  const { t, i18n } = useTranslation();
  const script = useCallScript();
  const [language, setLanguage] = useState<'de' | 'en'>(i18n.language === 'en' ? 'en' : 'de');
  if (!script.data) return null;
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-blue-light)" data-testid="call-script">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {t('callScript.title')}
          </Text>
          <Text size="md" lang={language} data-testid="call-script-text">
            „{script.data[language]}“
          </Text>
        </div>
        <SegmentedControl
          size="xs"
          value={language}
          onChange={(l) => setLanguage(l as 'de' | 'en')}
          data={[
            { value: 'de', label: 'DE' },
            { value: 'en', label: 'EN' },
          ]}
          aria-label={t('callScript.language')}
        />
      </Group>
    </Paper>
  );
}
