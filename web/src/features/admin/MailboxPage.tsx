import { Badge, Button, Paper, Stack, Table, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useSession } from '../../lib/session';
import { type MessageContent, MessageModal } from '../messaging/MessageView';

interface Message {
  id: string;
  to: string;
  subject: string;
  state: string;
  transport: string | null;
  createdAt: string;
  attempts: number;
  lastError: string | null;
}

/** The built-in mailbox and delivery log: every outgoing message, opened in full, with retry for failed ones. */
export function MailboxPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const qc = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['mailbox'],
    queryFn: () => get<{ items: Message[] }>('/api/mailbox?limit=100'),
    refetchInterval: 5000,
  });
  const detail = useQuery({
    queryKey: ['message', open],
    queryFn: () => get<MessageContent>(`/api/messages/${open}`),
    enabled: Boolean(open),
  });
  const retry = useMutation({
    mutationFn: (id: string) => post(`/api/admin/messages/${id}/retry`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['mailbox'] }),
  });
  return (
    <Stack>
      <Title order={3}>{t('nav.mailbox')}</Title>
      <Paper withBorder>
        <Table highlightOnHover>
          <Table.Tbody>
            {(list.data?.items ?? []).map((m) => (
              <Table.Tr
                key={m.id}
                onClick={() => setOpen(m.id)}
                style={{ cursor: 'pointer' }}
                data-testid="mailbox-row"
              >
                <Table.Td>{dateTime(m.createdAt)}</Table.Td>
                <Table.Td>{m.to}</Table.Td>
                <Table.Td>{m.subject}</Table.Td>
                <Table.Td>
                  <Badge color={m.state === 'failed' ? 'red' : m.state === 'sent' ? 'green' : 'blue'}>
                    {t(`messages.states.${m.state}`)}
                  </Badge>
                  {m.transport === 'mailbox' && (
                    <Badge variant="outline" ml={4}>
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
      </Paper>
      <MessageModal opened={open !== null} message={detail.data} onClose={() => setOpen(null)} />
    </Stack>
  );
}
