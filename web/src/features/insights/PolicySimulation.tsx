import { Alert, Anchor, Badge, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../lib/api';
import { DateField } from '../../lib/DateField';
import { money } from '../../lib/format';
import { useReasonLabel } from '../refunds/refund-words';
import { type Simulation, usePolicySimulation } from './insights.queries';

const LISTED = 50;

/** The last twelve months up to today, as calendar days. */
function lastYear(today: string): { from: string; to: string } {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return { from: d.toISOString().slice(0, 10), to: today };
}

/**
 * What the draft would have changed: every refund request of the period replayed against it with
 * the same evaluation. Shown above the publish button, so the summary comes before publishing.
 */
export function PolicySimulation(props: {
  today: string;
  draftSavedAt: string;
  onSummary?: (s: Simulation | null) => void;
}) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState(() => lastYear(props.today));
  const valid = Boolean(period.from && period.to && period.from <= period.to);
  const sim = usePolicySimulation(period, props.draftSavedAt, valid);
  const { onSummary } = props;
  useEffect(() => onSummary?.(sim.data ?? null), [sim.data, onSummary]);
  return (
    <Stack gap="xs" data-testid="policy-simulation">
      <Title order={5} id="policy-simulation-title">
        {t('simulation.title')}
      </Title>
      <Group align="flex-end">
        <DateField
          label={t('simulation.from')}
          value={period.from}
          onChange={(from) => setPeriod((p) => ({ ...p, from }))}
          data-testid="simulation-from"
        />
        <DateField
          label={t('simulation.to')}
          value={period.to}
          onChange={(to) => setPeriod((p) => ({ ...p, to }))}
          data-testid="simulation-to"
        />
        {sim.isFetching && <Loader size="sm" aria-label={t('simulation.running')} />}
      </Group>
      {!valid && <Text c="red.8">{t('simulation.periodInvalid')}</Text>}
      {sim.error && (
        <Alert color="red" role="alert">
          {errorText(sim.error, t)}
        </Alert>
      )}
      {sim.data && <SimulationSummary s={sim.data} />}
    </Stack>
  );
}

/**
 * A simulation's summary: the totals, the decisions flipped each way, the approvals needed, the
 * changes by reason and product category and the changed requests, each linked to its case.
 * `afterLabel` names the simulated column ("With the draft", "With the change").
 */
export function SimulationSummary({ s, afterLabel }: { s: Simulation; afterLabel?: string }) {
  const { t } = useTranslation();
  const reason = useReasonLabel();
  const diff = s.recommended.difference.amountMinor;
  const signed = (minor: number) => `${minor > 0 ? '+' : ''}${money(minor, s.currency)}`;
  if (s.requests === 0) return <Text data-testid="simulation-summary">{t('simulation.none')}</Text>;
  return (
    <Stack gap="xs">
      <Text fw={600} data-testid="simulation-summary" data-changed={s.changed}>
        {t('simulation.summary', { changed: s.changed, requests: s.requests, difference: signed(diff) })}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Fact
          label={t('simulation.recommended')}
          value={`${money(s.recommended.before.amountMinor, s.currency)} → ${money(s.recommended.after.amountMinor, s.currency)}`}
        />
        <Fact label={t('simulation.exceptions')} value={`${s.exceptions.before} → ${s.exceptions.after}`} />
        <Fact
          label={t('simulation.approvals')}
          value={(['lead', 'admin'] as const)
            .map((r) => `${t(`roles.${r}`)} ${s.approvals.before[r]} → ${s.approvals.after[r]}`)
            .join(' · ')}
        />
      </SimpleGrid>
      {s.flips.length > 0 && (
        <Group gap="xs" data-testid="simulation-flips">
          {s.flips.map((f) => (
            <Badge key={`${f.from}-${f.to}`} variant="light" tt="none">
              {t('simulation.flip', {
                count: f.count,
                from: t(`refunds.decisions.${f.from}`),
                to: t(`refunds.decisions.${f.to}`),
              })}
            </Badge>
          ))}
        </Group>
      )}
      <Groups
        title={t('simulation.byReason')}
        rows={s.byReason.map((g) => ({ ...g, label: reason(g.key) }))}
        currency={s.currency}
        testId="simulation-by-reason"
      />
      <Groups
        title={t('simulation.byCategory')}
        rows={s.byCategory.map((g) => ({
          ...g,
          label: t(`policy.category.${g.key}`, { defaultValue: g.key }),
        }))}
        currency={s.currency}
        testId="simulation-by-category"
      />
      {s.changedRequests.length > 0 && (
        <Table data-testid="simulation-cases">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('simulation.case')}</Table.Th>
              <Table.Th>{t('simulation.reason')}</Table.Th>
              <Table.Th>{t('simulation.before')}</Table.Th>
              <Table.Th>{afterLabel ?? t('simulation.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.changedRequests.slice(0, LISTED).map((c) => (
              <Table.Tr key={c.requestId}>
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${c.caseId}`}>
                    {t('simulation.openCase')}
                  </Anchor>
                </Table.Td>
                <Table.Td>{reason(c.reasonCode)}</Table.Td>
                <Table.Td>
                  {t(`refunds.decisions.${c.before.decision}`)} ·{' '}
                  {money(c.before.recommended.amountMinor, s.currency)}
                </Table.Td>
                <Table.Td>
                  {t(`refunds.decisions.${c.after.decision}`)} ·{' '}
                  {money(c.after.recommended.amountMinor, s.currency)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {s.changed > Math.min(LISTED, s.changedRequests.length) && (
        <Text size="sm" c="dimmed">
          {t('simulation.listed', { listed: Math.min(LISTED, s.changedRequests.length), changed: s.changed })}
        </Text>
      )}
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

function Groups(props: {
  title: string;
  rows: Array<{
    key: string;
    label: string;
    requests: number;
    changed: number;
    difference: { amountMinor: number };
  }>;
  currency: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const rows = props.rows.filter((r) => r.changed > 0);
  if (rows.length === 0) return null;
  return (
    <Table data-testid={props.testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{props.title}</Table.Th>
          <Table.Th>{t('simulation.changedOf')}</Table.Th>
          <Table.Th>{t('simulation.difference')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td>
              {r.changed} / {r.requests}
            </Table.Td>
            <Table.Td>{money(r.difference.amountMinor, props.currency)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
