import { Alert, Anchor, Badge, Group, Loader, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../lib/api';
import { type AccountHit, type SearchResult, useAccountSearch } from './accounts.queries';

/** What `/` and Ctrl+K focus: the one account search box on the screen (header or search page). */
export const SEARCH_BOX_SELECTOR = 'input[data-account-search]';

/** An account number or phone number that names one account: Enter may open it at once. */
const isExact = (r: SearchResult) =>
  (r.interpretedAs === 'account_number' || r.interpretedAs === 'phone') &&
  new Set(r.items.map((i) => i.id)).size === 1;

/**
 * The account search, the same in the header and on the search page: it searches as you type
 * (250 ms after the last key), ↑ ↓ choose a hit, Enter opens it; Enter typed faster than the
 * search opens an exact account-number or phone match as soon as it arrives.
 */
export function AccountSearch({ variant }: { variant: 'page' | 'header' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const urlQ = variant === 'page' ? (params.get('q') ?? '') : '';
  const [text, setText] = useState(urlQ);
  const [q, setQ] = useState(urlQ.trim());
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const [selected, setSelected] = useState(0);
  const [open, setOpen] = useState(false);
  const enterPending = useRef(false);
  const result = useAccountSearch(q);
  const items = result.data?.items ?? [];

  useEffect(() => setQ(debounced), [debounced]);
  // the page's address follows the search (a reload or a shared link shows the same hits)
  useEffect(() => {
    if (variant === 'page' && q !== (params.get('q') ?? '')) setParams(q ? { q } : {}, { replace: true });
  }, [variant, q, params, setParams]);
  // a link to /?q=… from elsewhere fills the box
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs because the address changed
  useEffect(() => {
    if (variant === 'page' && urlQ.trim() !== q) {
      setText(urlQ);
      setQ(urlQ.trim());
    }
  }, [urlQ]);
  // a new result list starts at its first hit
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect runs because the result changed
  useEffect(() => setSelected(0), [result.data]);

  const go = (hit: AccountHit | undefined) => {
    if (!hit) return;
    enterPending.current = false;
    setOpen(false);
    if (variant === 'header') {
      setText('');
      setQ('');
      // the account opens: the focus goes with it to the page (`/` brings it back)
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    }
    navigate(`/accounts/${hit.id}`);
  };
  // Enter pressed before the hits were there: an exact match opens when they arrive
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs because the result arrived
  useEffect(() => {
    if (!enterPending.current || !result.data || result.isFetching) return;
    enterPending.current = false;
    if (isExact(result.data)) go(result.data.items[0]);
  }, [result.data, result.isFetching]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setSelected((s) => Math.min(s + 1, items.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setSelected((s) => Math.max(s - 1, 0));
    } else if (e.key === 'Escape') {
      setOpen(false);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const typed = text.trim();
      if (typed === q && result.data && !result.isFetching) {
        if (items.length > 0) go(items[selected]);
      } else if (typed.length >= 2) {
        enterPending.current = true;
        setQ(typed);
      }
    }
  };

  const input = (
    <TextInput
      size={variant === 'page' ? 'md' : 'sm'}
      autoFocus={variant === 'page'}
      aria-label={t('search.label')}
      placeholder={t('search.placeholder')}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        setOpen(true);
      }}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
      onKeyDown={onKeyDown}
      rightSection={result.isFetching ? <Loader size="xs" /> : null}
      data-account-search=""
      data-testid={variant === 'page' ? 'search-input' : 'global-search'}
    />
  );

  if (variant === 'header')
    return (
      <div style={{ position: 'relative', flex: 1, maxWidth: 560, minWidth: 160 }}>
        {input}
        {open && q.length >= 2 && result.data && (
          <Paper
            withBorder
            shadow="md"
            data-testid="global-search-results"
            style={{ position: 'absolute', top: '100%', left: 0, right: 0, zIndex: 300, marginTop: 4 }}
          >
            {items.length === 0 ? (
              <Text p="xs" size="sm">
                {t('search.nothing')}
              </Text>
            ) : (
              items.slice(0, 8).map((hit, i) => (
                <Group
                  key={`${hit.id}-${hit.matchedOn}`}
                  p="xs"
                  gap="xs"
                  wrap="nowrap"
                  data-testid="search-hit"
                  data-selected={i === selected}
                  bg={i === selected ? 'var(--mantine-color-blue-light)' : undefined}
                  style={{ cursor: 'pointer' }}
                  // mousedown, not click: the box would lose its focus (and the list) first
                  onMouseDown={(e) => {
                    e.preventDefault();
                    go(hit);
                  }}
                >
                  <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {hit.accountNumber}
                  </Text>
                  <Text size="sm" truncate>
                    {hit.firstName} {hit.lastName} · {hit.postalCode} {hit.city}
                  </Text>
                </Group>
              ))
            )}
          </Paper>
        )}
      </div>
    );

  return (
    <Stack>
      <form onSubmit={(e) => e.preventDefault()}>{input}</form>
      {result.error && <Alert color="red">{errorText(result.error, t)}</Alert>}
      {result.data && (
        <Text size="sm" c="dimmed" data-testid="interpreted-as">
          {t('search.interpretedAs', {
            kind: t(`search.kinds.${result.data.interpretedAs}`),
            value: result.data.normalized ?? '?',
          })}
        </Text>
      )}
      {result.data && items.length === 0 && <Text>{t('search.nothing')}</Text>}
      {items.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('account.number')}</Table.Th>
                  <Table.Th>{t('account.name')}</Table.Th>
                  <Table.Th>{t('account.contact')}</Table.Th>
                  <Table.Th>{t('account.city')}</Table.Th>
                  <Table.Th>{t('account.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((hit, i) => (
                  <Table.Tr
                    key={`${hit.id}-${hit.matchedOn}`}
                    onClick={() => go(hit)}
                    style={{ cursor: 'pointer' }}
                    bg={i === selected ? 'var(--mantine-color-blue-light)' : undefined}
                    data-testid="search-hit"
                    data-selected={i === selected}
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {/* the row opens on a click; the number is what Tab reaches */}
                      <Anchor component={Link} to={`/accounts/${hit.id}`}>
                        {hit.accountNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {hit.firstName} {hit.lastName}
                      {hit.representativeName && (
                        <Text size="xs" c="dimmed">
                          {t('search.viaRepresentative', { name: hit.representativeName })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{hit.phone}</Text>
                      <Text size="xs" c="dimmed">
                        {hit.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {hit.postalCode} {hit.city}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {hit.status !== 'active' && (
                          <Badge color="gray">{t(`account.statuses.${hit.status}`)}</Badge>
                        )}
                        {hit.verificationLocked && <Badge color="red">{t('verification.lockedBadge')}</Badge>}
                        {hit.flagged && <Badge color="orange">{t('verification.flaggedBadge')}</Badge>}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
