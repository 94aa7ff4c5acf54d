import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldError } from '../../lib/api';
import { DateField } from '../../lib/DateField';
import { date, dateTime } from '../../lib/format';
import type { Simulation } from '../insights/insights.queries';
import { PolicySimulation } from '../insights/PolicySimulation';
import { PolicyEditor } from './PolicyEditor';
import { type PolicyAdmin, usePolicyAdmin, usePublishPolicy } from './policy.queries';
import { fieldName, fieldValue } from './policy-words';

export function PolicyPage() {
  const { t, i18n } = useTranslation();
  const admin = usePolicyAdmin();
  if (admin.error)
    return (
      <Alert color="red" role="alert">
        {errorText(admin.error, t)}
      </Alert>
    );
  const view = admin.data;
  if (!view) return null;
  const lang = i18n.language === 'en' ? 'en' : 'de';
  return (
    <Stack maw={1000}>
      <Title order={3}>{t('policy.title')}</Title>
      <Paper withBorder p="sm">
        <Text data-testid="policy-in-force">
          {t('policy.inForce', { version: view.inForce.version, date: date(view.inForce.effectiveFrom) })}
        </Text>
        {view.newest.version !== view.inForce.version && (
          <Text data-testid="policy-upcoming">
            {t('policy.upcoming', { version: view.newest.version, date: date(view.newest.effectiveFrom) })}
          </Text>
        )}
        <Anchor href={`/policy?lang=${lang}`} target="_blank" rel="noopener" data-testid="policy-public-link">
          {t('policy.publicPage')}
        </Anchor>
      </Paper>
      <History view={view} />
      {view.draft && <DraftChanges view={view} />}
      <PolicyEditor view={view} />
    </Stack>
  );
}

function History({ view }: { view: PolicyAdmin }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm">
      <Title order={4} id="policy-history">
        {t('policy.history')}
      </Title>
      <Table aria-labelledby="policy-history" data-testid="policy-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('policy.versionColumn')}</Table.Th>
            <Table.Th>{t('policy.effectiveColumn')}</Table.Th>
            <Table.Th>{t('policy.publishedByColumn')}</Table.Th>
            <Table.Th>{t('policy.publishedAtColumn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.versions.map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td>
                {v.version}
                {v.version === view.inForce.version && ` (${t('policy.current')})`}
              </Table.Td>
              <Table.Td>{date(v.effectiveFrom)}</Table.Td>
              <Table.Td>{v.publishedBy?.name ?? t('policy.shipped')}</Table.Td>
              <Table.Td>{dateTime(v.publishedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** The saved draft against the version it is based on, field by field, and publishing it. */
function DraftChanges({ view }: { view: PolicyAdmin }) {
  const { t } = useTranslation();
  const draft = view.draft!;
  const earliest = view.today > view.newest.effectiveFrom ? view.today : view.newest.effectiveFrom;
  const [effectiveFrom, setEffectiveFrom] = useState(earliest);
  useEffect(() => setEffectiveFrom(earliest), [earliest]);
  const publish = usePublishPolicy();
  const [simulated, setSimulated] = useState<Simulation | null>(null);
  return (
    <Paper withBorder p="sm" data-testid="policy-diff">
      <Title order={4} id="policy-diff-title">
        {t('policy.diffTitle', { version: draft.version, basedOn: draft.basedOn })}
      </Title>
      <Text size="sm" c="dimmed">
        {t('policy.savedBy', { name: draft.updatedBy.name, at: dateTime(draft.updatedAt) })}
      </Text>
      {draft.changes.length === 0 ? (
        <Text mt="xs">{t('policy.noChanges')}</Text>
      ) : (
        <Table aria-labelledby="policy-diff-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('policy.fieldColumn')}</Table.Th>
              <Table.Th>{t('policy.beforeColumn')}</Table.Th>
              <Table.Th>{t('policy.afterColumn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {draft.changes.map((c) => (
              <Table.Tr key={c.path} data-testid="policy-change">
                <Table.Td>{fieldName(c.path, t)}</Table.Td>
                <Table.Td>{fieldValue(c.path, c.before, t)}</Table.Td>
                <Table.Td>{fieldValue(c.path, c.after, t)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Paper withBorder p="sm" mt="sm" bg="gray.0">
        <PolicySimulation today={view.today} draftSavedAt={draft.updatedAt} onSummary={setSimulated} />
      </Paper>
      <Group align="flex-end" mt="sm">
        <DateField
          label={t('policy.effectiveFrom')}
          value={effectiveFrom}
          onChange={setEffectiveFrom}
          minDate={earliest}
          error={fieldError(publish.error, 'body.effectiveFrom', t)}
          data-testid="policy-effective-from"
        />
        <Button
          onClick={() =>
            publish.mutate(
              { effectiveFrom, draftUpdatedAt: draft.updatedAt },
              {
                onSuccess: () =>
                  notifications.show({
                    message: t('policy.published', { version: draft.version }),
                    color: 'green',
                    closeButtonProps: { 'aria-label': t('common.close') },
                  }),
              },
            )
          }
          loading={publish.isPending}
          disabled={!effectiveFrom || !simulated}
          title={simulated ? undefined : t('policy.publishAfterSimulation')}
          data-testid="policy-publish"
        >
          {t('policy.publish', { version: draft.version })}
        </Button>
      </Group>
      {publish.error && !fieldError(publish.error, 'body.effectiveFrom', t) && (
        <Alert color="red" role="alert" mt="xs">
          {errorText(publish.error, t)}
        </Alert>
      )}
    </Paper>
  );
}
