import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  List,
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
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, fieldError } from '../../lib/api';
import { EmailHtmlFrame } from './MessageView';
import {
  type TemplateParts,
  type TemplatePreview,
  type TemplateProblem,
  useResetTemplate,
  useSaveTemplate,
  useTemplatePreview,
  useTemplates,
} from './messaging.queries';

/** What is wrong with a draft, in the UI's language: one sentence per problem the server found. */
function templateProblems(error: ApiError, t: TFunction): string[] {
  const problems = (Array.isArray(error.problem.problems) ? error.problem.problems : []) as TemplateProblem[];
  if (error.code !== 'TEMPLATE_INVALID' || problems.length === 0) return [errorText(error, t)];
  return problems.map((p) =>
    t(`templates.problems.${p.reason}`, {
      part: t(`templates.${p.part}`),
      variable: p.variable ?? '',
      at: (p.at ?? 0) + 1,
    }),
  );
}

/** Whose message the preview shows, and in which language, when it is rendered for a case. */
function PreviewFor({
  preview,
  onEditOther,
}: {
  preview: TemplatePreview;
  onEditOther: (language: 'de' | 'en') => void;
}) {
  const { t } = useTranslation();
  if (!preview.caseNumber) return null;
  const language = t(`languages.${preview.language}`);
  if (preview.usesDraft)
    return (
      <Text size="sm" data-testid="preview-for">
        {t('templates.previewFor', { caseNumber: preview.caseNumber, language })}
      </Text>
    );
  return (
    <Alert color="blue" data-testid="preview-other-language">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('templates.otherLanguage', { caseNumber: preview.caseNumber, language })}</Text>
        <Button size="xs" variant="light" onClick={() => onEditOther(preview.language)}>
          {t('templates.editOther', { language })}
        </Button>
      </Stack>
    </Alert>
  );
}

/** Admins edit a message template with a live preview; one that does not render cannot be saved. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const list = useTemplates();
  const [key, setKey] = useState('case_update/de');
  const [draft, setDraft] = useState<TemplateParts | null>(null);
  const [caseNumber, setCaseNumber] = useState('');
  const current = list.data?.items.find((i) => `${i.kind}/${i.language}` === key);
  useEffect(() => {
    if (current) setDraft({ subject: current.subject, text: current.text, html: current.html });
  }, [current]);
  const [debounced] = useDebouncedValue(draft, 300);
  const [debouncedCase] = useDebouncedValue(caseNumber.trim(), 300);
  const preview = useTemplatePreview(
    current && debounced
      ? {
          kind: current.kind,
          language: current.language,
          ...debounced,
          ...(debouncedCase ? { caseNumber: debouncedCase } : {}),
        }
      : undefined,
  );
  // a draft that does not render keeps the last rendering that did on screen, beside what is wrong
  const [lastGood, setLastGood] = useState<TemplatePreview | undefined>();
  useEffect(() => {
    if (preview.data) setLastGood(preview.data);
  }, [preview.data]);
  const shown = preview.data ?? lastGood;
  const save = useSaveTemplate(key);
  const reset = useResetTemplate(key);
  if (!list.data || !draft || !current) return null;
  const caseError = fieldError(preview.error, 'body.caseNumber', t);
  const problem = (caseError ? save.error : (preview.error ?? save.error)) as ApiError | null;
  return (
    <Stack>
      <Title order={3}>{t('nav.templates')}</Title>
      <Group align="flex-start">
        <Select
          label={t('templates.choose')}
          w={320}
          data={list.data.items.map((i) => ({
            value: `${i.kind}/${i.language}`,
            label: `${t(`templates.kinds.${i.kind}`)} (${i.language.toUpperCase()})`,
          }))}
          value={key}
          onChange={(v) => v && setKey(v)}
          allowDeselect={false}
        />
        {current.isCustomized && (
          <Badge mt={30} data-testid="template-customized">
            {t('templates.customized')}
          </Badge>
        )}
        <TextInput
          label={t('templates.previewCase')}
          description={t('templates.previewCaseHint')}
          placeholder={t('templates.previewCasePlaceholder')}
          value={caseNumber}
          onChange={(e) => setCaseNumber(e.currentTarget.value)}
          error={caseError}
          w={300}
          data-testid="preview-case"
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('templates.variables')}: {current.variables.map((v) => `{{${v}}}`).join(' ')}
      </Text>
      {current.secretVariables.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="template-secret-variables">
          {t('templates.secretVariables', {
            variables: current.secretVariables.map((v) => `{{${v}}}`).join(', '),
          })}
        </Text>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, sm: 6 }}>
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
                {problem.code === 'TEMPLATE_INVALID' && <Text size="sm">{t('templates.invalid')}</Text>}
                <List size="sm">
                  {templateProblems(problem, t).map((line) => (
                    <List.Item key={line}>{line}</List.Item>
                  ))}
                </List>
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
                disabled={Boolean(preview.error) && !caseError}
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
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Paper withBorder p="sm">
            <Stack gap="xs">
              <Title order={4} size="h5">
                {t('templates.preview')}
              </Title>
              {shown && (
                <PreviewFor
                  preview={shown}
                  onEditOther={(language) => setKey(`${current.kind}/${language}`)}
                />
              )}
              <Text fw={600} data-testid="preview-subject" lang={shown?.language}>
                {shown?.subject}
              </Text>
              <Tabs defaultValue="text">
                <Tabs.List>
                  <Tabs.Tab value="text">{t('templates.previewText')}</Tabs.Tab>
                  <Tabs.Tab value="html" data-testid="preview-html-tab">
                    {t('templates.previewHtml')}
                  </Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="text" pt="xs">
                  <Text
                    size="sm"
                    style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}
                    data-testid="preview-text"
                    lang={shown?.language}
                  >
                    {shown?.text}
                  </Text>
                </Tabs.Panel>
                <Tabs.Panel value="html" pt="xs">
                  <EmailHtmlFrame
                    html={shown?.html ?? ''}
                    title={t('messages.htmlFrame')}
                    testId="preview-html"
                    height={480}
                  />
                </Tabs.Panel>
              </Tabs>
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
