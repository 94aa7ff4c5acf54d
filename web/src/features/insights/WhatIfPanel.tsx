import { Alert, Button, Card, Group, List, Loader, NumberInput, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldError } from '../../lib/api';
import { date, money } from '../../lib/format';
import { EuroInput } from '../policy/PolicyEditor';
import { changeText } from '../policy/policy-words';
import {
  type SimulationInput,
  usePolicySimulation,
  useWhatIfBase,
  type WhatIfBase,
} from './insights.queries';
import { SimulationSummary } from './PolicySimulation';

type Category = WhatIfBase['returnWindows'][number]['category'];
type Form = { days: Partial<Record<Category, number | ''>>; goodwillMinor: number | null };

const MAX_DAYS = 365;

/** What differs from the policy in force: only that is sent, so an untouched field stays as it is. */
function adjustmentsOf(base: WhatIfBase, form: Form): NonNullable<SimulationInput['adjustments']> {
  const returnWindowDays: Partial<Record<Category, number>> = {};
  for (const w of base.returnWindows) {
    const days = form.days[w.category];
    if (days !== undefined && days !== '' && days !== w.days) returnWindowDays[w.category] = days;
  }
  const goodwill =
    form.goodwillMinor !== null && form.goodwillMinor !== base.goodwill.maxPerRequestMinor
      ? { goodwillMaxPerRequestMinor: form.goodwillMinor }
      : {};
  return { ...(Object.keys(returnWindowDays).length ? { returnWindowDays } : {}), ...goodwill };
}

/**
 * "What if …": a lead changes the return windows or the goodwill limit of the policy in force and
 * sees what that would have changed for the refund requests of the dashboard's period, with the
 * same evaluation as the policy simulator. Nothing is saved or published: a real change is an
 * admin's draft.
 */
export function WhatIfPanel({
  period,
  filters,
  channelLabel,
  reasonLabel,
}: {
  period: { from: string; to: string };
  /** The dashboard's filters: channel and reason apply, the plan does not (the replay has no plan). */
  filters: { channel?: string; reason?: string; plan?: string };
  channelLabel: (key: string) => string;
  reasonLabel: (code: string) => string;
}) {
  const { t } = useTranslation();
  const scope = {
    ...(filters.channel ? { channel: filters.channel } : {}),
    ...(filters.reason ? { reason: filters.reason } : {}),
  };
  const scopeText = [
    filters.channel ? t('whatIf.scopeChannel', { channel: channelLabel(filters.channel) }) : null,
    filters.reason ? t('whatIf.scopeReason', { reason: reasonLabel(filters.reason) }) : null,
  ].filter(Boolean);
  const base = useWhatIfBase();
  const [form, setForm] = useState<Form>({ days: {}, goodwillMinor: null });
  const [asked, setAsked] = useState<SimulationInput | null>(null);
  const sim = usePolicySimulation(asked ?? { ...period }, null, asked !== null);
  const b = base.data;
  const adjustments = b ? adjustmentsOf(b, form) : {};
  const changed = Object.keys(adjustments).length > 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (changed) setAsked({ from: period.from, to: period.to, ...scope, adjustments });
  };
  const category = (c: Category) => t(`policy.category.${c}`);
  // a new result takes the focus to its heading, as the drilldown does, so it is read next
  const result = asked && sim.data && !sim.isFetching ? sim.data : null;
  useEffect(() => {
    if (result) document.getElementById('what-if-result')?.focus();
  }, [result]);
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="what-if-title" data-testid="what-if">
      <Title order={4} id="what-if-title" mb={4}>
        {t('whatIf.title')}
      </Title>
      {base.error && (
        <Alert color="red" role="alert">
          {errorText(base.error, t)}
        </Alert>
      )}
      {b && (
        <Stack gap="sm">
          <Text size="sm">
            {t('whatIf.intro', {
              version: b.version,
              from: date(period.from),
              to: date(period.to),
            })}
          </Text>
          <Text size="sm" data-testid="what-if-scope">
            {scopeText.length ? t('whatIf.scope', { scope: scopeText.join(' · ') }) : t('whatIf.scopeAll')}
            {filters.plan ? ` ${t('whatIf.noPlan')}` : ''}
          </Text>
          <form onSubmit={submit} aria-labelledby="what-if-title">
            <Group align="flex-start" wrap="wrap">
              {b.returnWindows.map((w) => (
                <NumberInput
                  key={w.category}
                  label={t('policy.field.window.days', { category: category(w.category) })}
                  description={t('whatIf.now', {
                    days: w.days,
                    from: t(`policy.from.${w.from}`),
                  })}
                  value={form.days[w.category] ?? w.days}
                  min={1}
                  max={MAX_DAYS}
                  allowDecimal={false}
                  allowNegative={false}
                  onChange={(v) =>
                    setForm((f) => ({ ...f, days: { ...f.days, [w.category]: v === '' ? '' : Number(v) } }))
                  }
                  error={fieldError(sim.error, `body.adjustments.returnWindowDays.${w.category}`, t)}
                  w={230}
                  data-testid={`what-if-days-${w.category}`}
                />
              ))}
              <div style={{ width: 230 }}>
                <EuroInput
                  label={t('policy.field.goodwill.maxPerRequestMinor')}
                  description={t('whatIf.nowMoney', {
                    amount: money(b.goodwill.maxPerRequestMinor, b.currency),
                  })}
                  minor={form.goodwillMinor ?? b.goodwill.maxPerRequestMinor}
                  onChange={(minor) => setForm((f) => ({ ...f, goodwillMinor: minor }))}
                  error={fieldError(sim.error, 'body.adjustments.goodwillMaxPerRequestMinor', t)}
                />
              </div>
            </Group>
            <Group mt="sm" gap="sm">
              <Button type="submit" disabled={!changed} data-testid="what-if-run">
                {t('whatIf.run')}
              </Button>
              {!changed && (
                <Text size="sm" c="dimmed">
                  {t('whatIf.nothingChanged')}
                </Text>
              )}
              {sim.isFetching && <Loader size="sm" aria-label={t('simulation.running')} />}
            </Group>
          </form>
          {sim.error && (
            <Alert color="red" role="alert">
              {errorText(sim.error, t)}
            </Alert>
          )}
          {result && (
            <Stack gap="xs" data-testid="what-if-result">
              <Title order={5} id="what-if-result" tabIndex={-1}>
                {t('whatIf.resultTitle')}
              </Title>
              <Text size="sm">
                {t('whatIf.result', {
                  version: result.policy.basedOn,
                  from: date(result.period.from),
                  to: date(result.period.to),
                })}
              </Text>
              <List size="sm" data-testid="what-if-changes">
                {(result.policy.changes ?? []).map((c) => (
                  <List.Item key={c.path}>{changeText({ ...c, change: 'changed' }, t)}</List.Item>
                ))}
              </List>
              <SimulationSummary s={result} afterLabel={t('whatIf.after')} />
            </Stack>
          )}
        </Stack>
      )}
    </Card>
  );
}
