import { Anchor, Badge, Button, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../lib/format';
import { useSession } from '../auth/session';
import { MessageModal } from './MessageView';
import { useMailbox, useMessage, useRetryMessage } from './messaging.queries';

/** The built-in mailbox and delivery log: every outgoing message, opened in full, with retry for failed ones. */
export function MailboxPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [open, setOpen] = useState<string | null>(null);
  const list = useMailbox();
  const detail = useMessage(open);
  const retry = useRetryMessage();
  const items = list.data?.items ?? [];
  return (
    <Stack>
      <Title order={3}>{t('nav.mailbox')}</Title>
      <Paper withBorder>
        {list.data && items.length === 0 ? (
          <Text p="md" data-testid="mailbox-empty">
            {t('messages.mailboxEmpty')}
          </Text>
        ) : (
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('messages.columns.createdAt')}</Table.Th>
                <Table.Th>{t('messages.columns.to')}</Table.Th>
                <Table.Th>{t('messages.columns.subject')}</Table.Th>
                <Table.Th>{t('messages.columns.state')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('messages.columns.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr
                  key={m.id}
                  onClick={() => setOpen(m.id)}
                  style={{ cursor: 'pointer' }}
                  data-testid="mailbox-row"
                >
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTime(m.createdAt)}</Table.Td>
                  <Table.Td>{m.to}</Table.Td>
                  <Table.Td>
                    {/* the row opens on a click; the subject is what Tab and Enter reach */}
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      ta="left"
                      onClick={(e) => {
                        e.stopPropagation();
                        setOpen(m.id);
                      }}
                      data-testid="mailbox-open"
                    >
                      {m.subject}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge
                      miw="max-content"
                      color={m.state === 'failed' ? 'red' : m.state === 'sent' ? 'green' : 'blue'}
                    >
                      {t(`messages.states.${m.state}`)}
                    </Badge>
                    {m.transport === 'mailbox' && (
                      <Badge variant="outline" ml={4} miw="max-content">
                        {t('messages.mailbox')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {m.state === 'failed' && user?.role === 'admin' && (
                      <Button
                        size="xs"
                        onClick={(e) => {
                          // retrying is not opening the message
                          e.stopPropagation();
                          retry.mutate(m.id);
                        }}
                      >
                        {t('messages.retry')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <MessageModal opened={open !== null} message={detail.data} onClose={() => setOpen(null)} />
    </Stack>
  );
}
