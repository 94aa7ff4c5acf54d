import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, fieldError } from '../../lib/api';
import {
  type PolicyAdmin,
  type PolicyDocument,
  useDiscardPolicyDraft,
  useSavePolicyDraft,
} from './policy.queries';
import { CATEGORIES, type Category, LIMIT_ROLES } from './policy-words';

interface ReasonRow {
  code: string;
  de: string;
  en: string;
  points: number;
}

const toRows = (doc: PolicyDocument): ReasonRow[] =>
  Object.entries(doc.reasons).map(([code, r]) => ({ code, ...r }));
const fromRows = (rows: ReasonRow[]): PolicyDocument['reasons'] =>
  Object.fromEntries(rows.map(({ code, ...r }) => [code, r]));

/** A money amount typed in euros the UI language's way, stored in cents; empty means none (null) where allowed. */
export function EuroInput(props: {
  label: string;
  /** In a table, whose headers say what the cell is: the label is for screen readers only. */
  labelHidden?: boolean;
  minor: number | null;
  onChange: (minor: number | null) => void;
  error?: string;
  allowEmpty?: boolean;
  description?: string;
}) {
  const { i18n } = useTranslation();
  const de = i18n.language !== 'en';
  return (
    <NumberInput
      label={props.labelHidden ? undefined : props.label}
      aria-label={props.labelHidden ? props.label : undefined}
      description={props.description}
      value={props.minor === null ? '' : props.minor / 100}
      onChange={(v) => props.onChange(v === '' ? (props.allowEmpty ? null : 0) : Math.round(Number(v) * 100))}
      decimalScale={2}
      fixedDecimalScale
      min={0}
      thousandSeparator={de ? '.' : ','}
      decimalSeparator={de ? ',' : '.'}
      suffix=" €"
      error={props.error}
    />
  );
}

/** The parts of the document the form edits; the rest is shown as it is. */
const EDITED = new Set([
  'version',
  'effectiveFrom',
  'returnWindows',
  'nonRefundableCategories',
  'restockingFee',
  'guarantee',
  'withdrawal',
  'defects',
  'goodwill',
  'approvalLimits',
  'reasons',
]);

export function PolicyEditor({ view }: { view: PolicyAdmin }) {
  const { t } = useTranslation();
  const source = view.draft?.document ?? view.newest.document;
  const [doc, setDoc] = useState<PolicyDocument>(source);
  const [rows, setRows] = useState<ReasonRow[]>(toRows(source));
  // a new draft or version from the server replaces what the form shows
  useEffect(() => {
    setDoc(source);
    setRows(toRows(source));
  }, [source]);
  const save = useSavePolicyDraft();
  const discard = useDiscardPolicyDraft();
  const edited = useMemo(() => ({ ...doc, reasons: fromRows(rows) }), [doc, rows]);
  const unsaved = JSON.stringify(edited) !== JSON.stringify({ ...source, reasons: fromRows(toRows(source)) });
  const err = (path: string) => fieldError(save.error, `body.${path}`, t);
  const submit = (basedOn: number) =>
    save.mutate(
      { document: edited, basedOn, draftUpdatedAt: view.draft?.updatedAt },
      {
        onSuccess: () =>
          notifications.show({
            message: t('policy.draftSaved'),
            color: 'green',
            closeButtonProps: { 'aria-label': t('common.close') },
          }),
      },
    );

  const setWindow = (c: Category, patch: Partial<{ days: number; from: 'purchase' | 'delivery' }>) => {
    const current = doc.returnWindows[c] ?? { days: 14, from: 'purchase' as const };
    setDoc({ ...doc, returnWindows: { ...doc.returnWindows, [c]: { ...current, ...patch } } });
  };
  const setRefundable = (c: Category, refundable: boolean) => {
    const windows = { ...doc.returnWindows };
    if (refundable) windows[c] = windows[c] ?? { days: 14, from: 'purchase' };
    else delete windows[c];
    const excluded = doc.nonRefundableCategories.filter((x) => x !== c);
    setDoc({
      ...doc,
      returnWindows: windows,
      nonRefundableCategories: refundable ? excluded : [...excluded, c],
    });
  };
  const rest = Object.fromEntries(Object.entries(doc).filter(([k]) => !EDITED.has(k)));

  return (
    <Paper withBorder p="sm" data-testid="policy-editor">
      <Title order={4}>
        {view.draft
          ? t('policy.editDraft', { version: view.draft.version })
          : t('policy.newDraft', { version: view.newest.version + 1 })}
      </Title>
      {view.draft?.outdated && (
        <Alert color="yellow" my="xs" title={t('policy.outdatedTitle')}>
          <Text size="sm">
            {t('policy.outdated', { basedOn: view.draft.basedOn, newest: view.newest.version })}
          </Text>
          <Button mt="xs" size="xs" onClick={() => submit(view.newest.version)} loading={save.isPending}>
            {t('policy.rebase', { newest: view.newest.version })}
          </Button>
        </Alert>
      )}
      <Stack gap="md" mt="xs">
        <section aria-labelledby="policy-returns">
          <Title order={5} id="policy-returns">
            {t('policy.returns')}
          </Title>
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('policy.categoryColumn')}</Table.Th>
                  <Table.Th>{t('policy.refundable')}</Table.Th>
                  <Table.Th>{t('policy.windowDays')}</Table.Th>
                  <Table.Th>{t('policy.countedFrom')}</Table.Th>
                  <Table.Th>{t('policy.restockingFeePercent')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {CATEGORIES.map((c) => {
                  const window = doc.returnWindows[c];
                  const name = t(`policy.category.${c}`);
                  return (
                    <Table.Tr key={c} data-testid={`window-${c}`}>
                      <Table.Th scope="row">{name}</Table.Th>
                      <Table.Td>
                        <Checkbox
                          aria-label={t('policy.refundableOf', { category: name })}
                          checked={!doc.nonRefundableCategories.includes(c)}
                          onChange={(e) => setRefundable(c, e.currentTarget.checked)}
                          error={err(`returnWindows.${c}`)}
                        />
                      </Table.Td>
                      <Table.Td>
                        {window && (
                          <NumberInput
                            aria-label={t('policy.windowDaysOf', { category: name })}
                            value={window.days}
                            min={1}
                            max={3650}
                            onChange={(v) => setWindow(c, { days: Number(v) })}
                            error={err(`returnWindows.${c}.days`)}
                            data-testid={`window-${c}-days`}
                          />
                        )}
                      </Table.Td>
                      <Table.Td>
                        {window && (
                          <Select
                            aria-label={t('policy.countedFromOf', { category: name })}
                            value={window.from}
                            allowDeselect={false}
                            data={(['purchase', 'delivery'] as const).map((f) => ({
                              value: f,
                              label: t(`policy.from.${f}`),
                            }))}
                            onChange={(v) => v && setWindow(c, { from: v as 'purchase' | 'delivery' })}
                            error={err(`returnWindows.${c}.from`)}
                          />
                        )}
                      </Table.Td>
                      <Table.Td>
                        <NumberInput
                          aria-label={t('policy.restockingFeeOf', { category: name })}
                          value={doc.restockingFee.bps[c] / 100}
                          min={0}
                          max={100}
                          decimalScale={2}
                          suffix=" %"
                          onChange={(v) =>
                            setDoc({
                              ...doc,
                              restockingFee: {
                                ...doc.restockingFee,
                                bps: { ...doc.restockingFee.bps, [c]: Math.round(Number(v) * 100) },
                              },
                            })
                          }
                          error={err(`restockingFee.bps.${c}`)}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </section>

        <section aria-labelledby="policy-periods">
          <Title order={5} id="policy-periods">
            {t('policy.periods')}
          </Title>
          <Group align="flex-start" mt="xs">
            <NumberInput
              label={t('policy.field.guarantee.days')}
              value={doc.guarantee.days}
              min={1}
              onChange={(v) => setDoc({ ...doc, guarantee: { ...doc.guarantee, days: Number(v) } })}
              error={err('guarantee.days')}
            />
            <NumberInput
              label={t('policy.field.withdrawal.days')}
              value={doc.withdrawal.days}
              min={14}
              onChange={(v) => setDoc({ ...doc, withdrawal: { ...doc.withdrawal, days: Number(v) } })}
              error={err('withdrawal.days')}
            />
            <NumberInput
              label={t('policy.field.defects.warrantyMonths')}
              value={doc.defects.warrantyMonths}
              min={12}
              onChange={(v) => setDoc({ ...doc, defects: { ...doc.defects, warrantyMonths: Number(v) } })}
              error={err('defects.warrantyMonths')}
            />
          </Group>
          <Checkbox
            mt="xs"
            label={t('policy.field.guarantee.enabled')}
            checked={doc.guarantee.enabled}
            onChange={(e) =>
              setDoc({ ...doc, guarantee: { ...doc.guarantee, enabled: e.currentTarget.checked } })
            }
          />
        </section>

        <section aria-labelledby="policy-goodwill">
          <Title order={5} id="policy-goodwill">
            {t('policy.goodwill')}
          </Title>
          <Group align="flex-start" mt="xs">
            <EuroInput
              label={t('policy.field.goodwill.maxPerRequestMinor')}
              minor={doc.goodwill.maxPerRequestMinor}
              onChange={(m) => setDoc({ ...doc, goodwill: { ...doc.goodwill, maxPerRequestMinor: m ?? 0 } })}
              error={err('goodwill.maxPerRequestMinor')}
            />
            <NumberInput
              label={t('policy.field.goodwill.perCustomer12Months.maxCount')}
              value={doc.goodwill.perCustomer12Months.maxCount}
              min={0}
              onChange={(v) =>
                setDoc({
                  ...doc,
                  goodwill: {
                    ...doc.goodwill,
                    perCustomer12Months: { ...doc.goodwill.perCustomer12Months, maxCount: Number(v) },
                  },
                })
              }
              error={err('goodwill.perCustomer12Months.maxCount')}
            />
            <EuroInput
              label={t('policy.field.goodwill.perCustomer12Months.maxAmountMinor')}
              minor={doc.goodwill.perCustomer12Months.maxAmountMinor}
              onChange={(m) =>
                setDoc({
                  ...doc,
                  goodwill: {
                    ...doc.goodwill,
                    perCustomer12Months: { ...doc.goodwill.perCustomer12Months, maxAmountMinor: m ?? 0 },
                  },
                })
              }
              error={err('goodwill.perCustomer12Months.maxAmountMinor')}
            />
          </Group>
        </section>

        <section aria-labelledby="policy-limits">
          <Title order={5} id="policy-limits">
            {t('policy.approvalLimits')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('policy.approvalLimitsHint')}
          </Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('policy.roleColumn')}</Table.Th>
                <Table.Th>{t('policy.limitKind.inPolicy')}</Table.Th>
                <Table.Th>{t('policy.limitKind.exception')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {LIMIT_ROLES.map((role) => (
                <Table.Tr key={role}>
                  <Table.Th scope="row">{t(`roles.${role}`)}</Table.Th>
                  {(['inPolicy', 'exception'] as const).map((kind) => (
                    <Table.Td key={kind}>
                      <EuroInput
                        label={t('policy.field.approvalLimit', {
                          kind: t(`policy.limitKind.${kind}`),
                          role: t(`roles.${role}`),
                        })}
                        minor={doc.approvalLimits[kind][role]}
                        labelHidden
                        allowEmpty={role === 'admin'}
                        description={role === 'admin' ? t('policy.emptyNoLimit') : undefined}
                        onChange={(m) =>
                          setDoc({
                            ...doc,
                            approvalLimits: {
                              ...doc.approvalLimits,
                              [kind]: {
                                ...doc.approvalLimits[kind],
                                [role]: role === 'admin' ? m : (m ?? 0),
                              },
                            },
                          })
                        }
                        error={err(`approvalLimits.${kind}.${role}`)}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>

        <ReasonTable rows={rows} setRows={setRows} err={err} />

        <section aria-labelledby="policy-rest">
          <Title order={5} id="policy-rest">
            {t('policy.rest')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('policy.restHint')}
          </Text>
          <Code block data-testid="policy-rest" tabIndex={0} aria-labelledby="policy-rest">
            {JSON.stringify(rest, null, 2)}
          </Code>
        </section>

        {save.error && <ProblemList error={save.error} />}
        {discard.error && (
          <Alert color="red" role="alert">
            {errorText(discard.error, t)}
          </Alert>
        )}
        <Group>
          <Button
            onClick={() => submit(view.draft?.basedOn ?? view.newest.version)}
            loading={save.isPending}
            data-testid="policy-save"
          >
            {t('policy.saveDraft')}
          </Button>
          {view.draft && (
            <Button
              variant="default"
              color="red"
              onClick={() => discard.mutate(undefined)}
              loading={discard.isPending}
            >
              {t('policy.discardDraft')}
            </Button>
          )}
          {unsaved && (
            <Text size="sm" c="orange.9" data-testid="policy-unsaved">
              {t('policy.unsaved')}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** The reason taxonomy as rows: code, German and English label, points. */
function ReasonTable(props: {
  rows: ReasonRow[];
  setRows: (rows: ReasonRow[]) => void;
  err: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const { rows, setRows, err } = props;
  const update = (i: number, patch: Partial<ReasonRow>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <section aria-labelledby="policy-reasons">
      <Title order={5} id="policy-reasons">
        {t('policy.reasons')}
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('policy.reasonCode')}</Table.Th>
              <Table.Th>{t('policy.reasonDe')}</Table.Th>
              <Table.Th>{t('policy.reasonEn')}</Table.Th>
              <Table.Th>{t('policy.reasonPoints')}</Table.Th>
              <Table.Th>{t('policy.reasonActions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row's code is what is being typed
              <Table.Tr key={i}>
                <Table.Td>
                  <TextInput
                    aria-label={t('policy.reasonCodeOf', { n: i + 1 })}
                    value={r.code}
                    onChange={(e) => update(i, { code: e.currentTarget.value })}
                    error={err(`reasons.${r.code}`)}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('policy.reasonDeOf', { code: r.code })}
                    value={r.de}
                    onChange={(e) => update(i, { de: e.currentTarget.value })}
                    error={err(`reasons.${r.code}.de`)}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('policy.reasonEnOf', { code: r.code })}
                    value={r.en}
                    onChange={(e) => update(i, { en: e.currentTarget.value })}
                    error={err(`reasons.${r.code}.en`)}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={t('policy.reasonPointsOf', { code: r.code })}
                    value={r.points}
                    min={-100}
                    max={100}
                    onChange={(v) => update(i, { points: Number(v) })}
                    error={err(`reasons.${r.code}.points`)}
                  />
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('policy.removeReason', { code: r.code })}
                    onClick={() => setRows(rows.filter((_, j) => j !== i))}
                  >
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Button
        size="xs"
        variant="light"
        onClick={() => setRows([...rows, { code: '', de: '', en: '', points: 0 }])}
      >
        {t('policy.addReason')}
      </Button>
    </section>
  );
}

/** What the server refused: every field it named, and the sentence for a conflict. */
function ProblemList({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const problems = error instanceof ApiError ? error.fieldProblems : [];
  return (
    <Alert color="red" role="alert" data-testid="policy-problems">
      {problems.length === 0 ? (
        errorText(error, t)
      ) : (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {problems.map((p) => (
            <li key={p.field}>
              <Code>{p.field.replace(/^body\./, '')}</Code> {p.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
