import {
  Alert,
  Anchor,
  Badge,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../lib/api';
import { CallScript } from '../settings/CallScript';
import { type AccountHit, useAccountSearch } from './accounts.queries';

export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [selected, setSelected] = useState(0);
  useEffect(() => setText(q), [q]);
  const result = useAccountSearch(q);
  const items = result.data?.items ?? [];
  // a new result list starts at its first hit
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect runs because the result changed
  useEffect(() => setSelected(0), [result.data]);
  const open = (hit: AccountHit | undefined) => hit && navigate(`/accounts/${hit.id}`);
  return (
    <Stack maw={1000}>
      <Title order={3}>{t('search.title')}</Title>
      {!q && <CallScript />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setParams(text.trim() ? { q: text.trim() } : {});
        }}
      >
        <TextInput
          size="md"
          autoFocus
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setSelected((s) => Math.min(s + 1, items.length - 1));
            else if (e.key === 'ArrowUp') setSelected((s) => Math.max(s - 1, 0));
            else if (e.key === 'Enter' && items.length > 0 && text.trim() === q) {
              e.preventDefault();
              open(items[selected]);
            }
          }}
          data-testid="search-input"
        />
      </form>
      {result.isFetching && <Loader size="sm" />}
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
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('account.number')}</Table.Th>
                <Table.Th>{t('account.name')}</Table.Th>
                <Table.Th>{t('account.contact')}</Table.Th>
                <Table.Th>{t('account.city')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((hit, i) => (
                <Table.Tr
                  key={`${hit.id}-${hit.matchedOn}`}
                  onClick={() => open(hit)}
                  style={{ cursor: 'pointer' }}
                  bg={i === selected ? 'var(--mantine-color-blue-light)' : undefined}
                  data-testid="search-hit"
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
        </Paper>
      )}
    </Stack>
  );
}
