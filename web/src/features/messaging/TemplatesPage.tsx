import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../lib/api';
import { EmailHtmlFrame } from './MessageView';
import {
  type TemplateParts,
  useResetTemplate,
  useSaveTemplate,
  useTemplatePreview,
  useTemplates,
} from './messaging.queries';

/** Admins edit a message template with a live preview; one that does not render cannot be saved. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const list = useTemplates();
  const [key, setKey] = useState('case_update/de');
  const [draft, setDraft] = useState<TemplateParts | null>(null);
  const [caseId, setCaseId] = useState('');
  const current = list.data?.items.find((i) => `${i.kind}/${i.language}` === key);
  useEffect(() => {
    if (current) setDraft({ subject: current.subject, text: current.text, html: current.html });
  }, [current]);
  const [debounced] = useDebouncedValue(draft, 300);
  const preview = useTemplatePreview(
    current && debounced
      ? {
          kind: current.kind,
          language: current.language,
          ...debounced,
          ...(caseId.trim() ? { caseId: caseId.trim() } : {}),
        }
      : undefined,
  );
  const save = useSaveTemplate(key);
  const reset = useResetTemplate(key);
  if (!list.data || !draft || !current) return null;
  const problem = (preview.error ?? save.error) as ApiError | null;
  return (
    <Stack>
      <Title order={3}>{t('nav.templates')}</Title>
      <Group>
        <Select
          aria-label={t('templates.choose')}
          w={320}
          data={list.data.items.map((i) => ({
            value: `${i.kind}/${i.language}`,
            label: `${t(`templates.kinds.${i.kind}`)} (${i.language.toUpperCase()})`,
          }))}
          value={key}
          onChange={(v) => v && setKey(v)}
          allowDeselect={false}
        />
        {current.isCustomized && <Badge>{t('templates.customized')}</Badge>}
        <TextInput
          placeholder={t('templates.previewCase')}
          value={caseId}
          onChange={(e) => setCaseId(e.currentTarget.value)}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('templates.variables')}: {current.variables.map((v) => `{{${v}}}`).join(' ')}
      </Text>
      <Grid>
        <Grid.Col span={6}>
          <Stack gap="xs">
            <TextInput
              label={t('templates.subject')}
              value={draft.subject}
              onChange={(e) => setDraft({ ...draft, subject: e.currentTarget.value })}
              data-testid="template-subject"
            />
            <Textarea
              label={t('templates.text')}
              value={draft.text}
              onChange={(e) => setDraft({ ...draft, text: e.currentTarget.value })}
              autosize
              minRows={6}
            />
            <Textarea
              label={t('templates.html')}
              value={draft.html}
              onChange={(e) => setDraft({ ...draft, html: e.currentTarget.value })}
              autosize
              minRows={6}
              styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
              data-testid="template-html"
            />
            {problem instanceof ApiError && (
              <Alert color="red" data-testid="template-error">
                {errorText(problem, t)}
              </Alert>
            )}
            <Group>
              <Button
                onClick={() =>
                  save.mutate(draft, {
                    onSuccess: () => notifications.show({ message: t('common.saved'), color: 'green' }),
                  })
                }
                loading={save.isPending}
                disabled={Boolean(preview.error)}
                data-testid="template-save"
              >
                {t('common.save')}
              </Button>
              {current.isCustomized && (
                <Button variant="subtle" onClick={() => reset.mutate()}>
                  {t('templates.reset')}
                </Button>
              )}
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={6}>
          <Paper withBorder p="sm">
            <Title order={5}>{t('templates.preview')}</Title>
            <Text fw={600} data-testid="preview-subject">
              {preview.data?.subject}
            </Text>
            <Tabs defaultValue="text" mt="xs">
              <Tabs.List>
                <Tabs.Tab value="text">{t('templates.previewText')}</Tabs.Tab>
                <Tabs.Tab value="html" data-testid="preview-html-tab">
                  {t('templates.previewHtml')}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="text" pt="xs">
                <Text size="sm" style={{ whiteSpace: 'pre-line' }} data-testid="preview-text">
                  {preview.data?.text}
                </Text>
              </Tabs.Panel>
              <Tabs.Panel value="html" pt="xs">
                <EmailHtmlFrame
                  html={preview.data?.html ?? ''}
                  title={t('messages.htmlFrame')}
                  testId="preview-html"
                  height={480}
                />
              </Tabs.Panel>
            </Tabs>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
