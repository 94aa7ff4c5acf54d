import {
  Alert,
  Anchor,
  Button,
  Code,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { type AuditEvent, type AuditFilters, useAuditEvents } from './audit.queries';

const NO_FILTERS: AuditFilters = { accountId: '', caseId: '', action: '', entityId: '' };
const FILTER_KEYS = ['accountId', 'caseId', 'action', 'entityId'] as const;

/** The audit log for admins: one readable line per event, the stored JSON behind a toggle. */
export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState(NO_FILTERS);
  const [applied, setApplied] = useState(NO_FILTERS);
  const [open, setOpen] = useState<number | null>(null);
  const query = useAuditEvents(applied);
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = FILTER_KEYS.some((k) => applied[k].trim());
  return (
    <Stack>
      <Title order={3}>{t('nav.audit')}</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(filters);
        }}
      >
        <Group align="end">
          {FILTER_KEYS.map((k) => (
            <TextInput
              key={k}
              label={t(`audit.filters.${k}`)}
              placeholder={t(`audit.placeholders.${k}`)}
              value={filters[k]}
              onChange={(e) => setFilters({ ...filters, [k]: e.currentTarget.value })}
              data-testid={`audit-filter-${k}`}
            />
          ))}
          <Button type="submit">{t('audit.filter')}</Button>
          {filtered && (
            <Button
              variant="subtle"
              onClick={() => {
                setFilters(NO_FILTERS);
                setApplied(NO_FILTERS);
              }}
            >
              {t('audit.clearFilters')}
            </Button>
          )}
        </Group>
      </form>
      {query.error && <Alert color="red">{errorText(query.error, t)}</Alert>}
      {query.isSuccess && rows.length === 0 ? (
        <Paper withBorder p="lg" data-testid="audit-empty">
          <Text>{filtered ? t('audit.emptyFiltered') : t('audit.empty')}</Text>
        </Paper>
      ) : (
        <Paper withBorder>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.columns.at')}</Table.Th>
                <Table.Th>{t('audit.columns.event')}</Table.Th>
                <Table.Th>{t('audit.columns.about')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('audit.columns.details')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e) => (
                <Fragment key={e.id}>
                  <Table.Tr data-testid="audit-row">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTime(e.at)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" data-testid="audit-summary">
                        {summaryOf(e, t)}
                      </Text>
                      {changeLines(e).map((line) => (
                        <Text key={line.field} size="sm" c="dimmed">
                          {t(`audit.fields.${line.field}`, { defaultValue: line.field })}:{' '}
                          {valueIn(line.field, line.from, t)} → {valueIn(line.field, line.to, t)}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td>
                      <AboutLinks event={e} t={t} />
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-expanded={open === e.id}
                        aria-controls={`audit-json-${e.id}`}
                        onClick={() => setOpen(open === e.id ? null : e.id)}
                      >
                        {open === e.id ? t('audit.hideJson') : t('audit.showJson')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                  {open === e.id && (
                    <Table.Tr id={`audit-json-${e.id}`}>
                      <Table.Td colSpan={4}>
                        <Code block data-testid="audit-json">
                          {JSON.stringify(
                            {
                              action: e.action,
                              entity: { type: e.entityType, id: e.entityId },
                              changes: e.changes,
                              requestId: e.requestId,
                              ip: e.ip,
                            },
                            null,
                            2,
                          )}
                        </Code>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {query.hasNextPage && (
        <Button variant="light" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('audit.more')}
        </Button>
      )}
    </Stack>
  );
}

/** "Ada Admin: Staff user created – Nina Neu", in the UI's language. */
export function summaryOf(e: AuditEvent, t: TFunction): string {
  const actor = e.actor?.displayName ?? t(`roles.${e.actorRole ?? 'system'}`);
  const action = t(`audit.actions.${e.action}`, { defaultValue: e.action });
  const target = targetOf(e, t);
  return target
    ? t('audit.summaryWithTarget', { actor, action, target })
    : t('audit.summary', { actor, action });
}

function targetOf(e: AuditEvent, t: TFunction): string | null {
  // "Ada Admin: Logged in", not "… – Ada Admin": the actor is the staff user the event is about
  if (e.entityType === 'staff_user' && e.entityId === e.actor?.id) return null;
  if (e.entityLabel) return e.entityLabel;
  if (e.entityType === 'setting') return t(`audit.settings.${e.entityId}`, { defaultValue: e.entityId });
  // a failed login for an unknown e-mail names the e-mail it was tried with
  if (e.entityType === 'staff_user' && e.entityId.includes('@')) return e.entityId;
  return null;
}

/** Links stacked in a cell: each at least 24 px high, so that a pointer hits the one it means (WCAG 2.5.8). */
const LINK_TARGET = { display: 'inline-block', minHeight: 24, lineHeight: '24px' } as const;

function AboutLinks({ event, t }: { event: AuditEvent; t: TFunction }) {
  return (
    <Stack gap={4} align="flex-start">
      {event.accountId && (
        <Anchor component={Link} to={`/accounts/${event.accountId}`} size="sm" style={LINK_TARGET}>
          {t('audit.account', { number: event.accountNumber ?? event.accountId })}
        </Anchor>
      )}
      {event.caseId && (
        <Anchor component={Link} to={`/cases/${event.caseId}`} size="sm" style={LINK_TARGET}>
          {t('audit.case', { number: event.caseNumber ?? event.caseId })}
        </Anchor>
      )}
    </Stack>
  );
}

type ChangeLine = { field: string; from: string; to: string };

/** Roles and languages in words; other values as stored. */
const WORDED: Record<string, string> = { role: 'roles', locale: 'languages' };
const valueIn = (field: string, value: string, t: TFunction): string =>
  WORDED[field] ? t(`${WORDED[field]}.${value}`, { defaultValue: value }) : value;

const shown = (v: unknown): string => {
  if (v === null || v === undefined) return '–';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The changed fields in words: `{ role: { from, to } }`, or a whole value `{ from: {…}, to: {…} }` (settings). */
function changeLines(e: AuditEvent): ChangeLine[] {
  const c = e.changes;
  if (isRecord(c.from) && isRecord(c.to)) {
    const from = c.from;
    const to = c.to;
    return [...new Set([...Object.keys(from), ...Object.keys(to)])]
      .filter((k) => JSON.stringify(from[k]) !== JSON.stringify(to[k]))
      .map((k) => ({ field: k, from: shown(from[k]), to: shown(to[k]) }));
  }
  return Object.entries(c).flatMap(([field, v]) =>
    isRecord(v) && 'from' in v && 'to' in v ? [{ field, from: shown(v.from), to: shown(v.to) }] : [],
  );
}
