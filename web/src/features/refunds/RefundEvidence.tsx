import { Anchor, Button, FileButton, Group, Image, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useStaffName } from './refund-words';
import { type Evidence, evidenceUrl, type RefundRequest, useAddEvidence } from './refunds.queries';

/** What the server takes; the browser's picker offers these, the server checks the bytes. */
const ACCEPT = 'image/png,image/jpeg,image/webp,image/gif,application/pdf,.png,.jpg,.jpeg,.webp,.gif,.pdf';
const DECIDED: RefundRequest['status'][] = ['approved', 'denied', 'executed'];

interface Attempt {
  key: number;
  name: string;
  state: 'sending' | 'done' | 'refused';
  error?: string;
}

/** A size in the UI's language: 820 B, 14 KB, 3,2 MB. */
export function fileSize(bytes: number, lang: string): string {
  const format = (n: number, digits: number) =>
    n.toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: digits });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024, 0)} KB`;
  return `${format(bytes / 1024 / 1024, 1)} MB`;
}

/**
 * A request's evidence: the files attached (type, size, who and when, open or download) and, while
 * the request is not decided, the upload: drop files on the zone or choose them with the button.
 */
export function RefundEvidence({ r }: { r: RefundRequest }) {
  const { t, i18n } = useTranslation();
  const staffName = useStaffName();
  const add = useAddEvidence(r);
  const [attempts, setAttempts] = useState<Attempt[]>([]);
  const [over, setOver] = useState(false);
  const open = !DECIDED.includes(r.status);
  const send = async (files: File[]) => {
    // one after the other: the server counts them against the request's limit in order
    for (const file of files) {
      const key = Date.now() + Math.random();
      setAttempts((list) => [...list, { key, name: file.name, state: 'sending' }]);
      try {
        await add.mutateAsync(file);
        setAttempts((list) => list.map((a) => (a.key === key ? { ...a, state: 'done' } : a)));
      } catch (error) {
        const words = errorText(error, t);
        setAttempts((list) =>
          list.map((a) => (a.key === key ? { ...a, state: 'refused', error: words } : a)),
        );
      }
    }
  };
  return (
    <Stack gap={6} data-testid="refund-evidence" data-count={r.evidence.length}>
      <Text size="sm" fw={600}>
        {t('refunds.evidence.title')}
      </Text>
      {r.evidence.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('refunds.evidence.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing={4} fz="sm" aria-label={t('refunds.evidence.list')}>
            <Table.Tbody>
              {r.evidence.map((e) => (
                <EvidenceRow key={e.id} r={r} e={e} uploader={staffName(e.uploadedBy)} lang={i18n.language} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open ? (
        <Paper
          withBorder
          p="xs"
          data-testid="evidence-drop"
          data-over={over}
          style={{
            borderStyle: 'dashed',
            borderColor: over ? 'var(--mantine-color-blue-6)' : undefined,
            background: over ? 'var(--mantine-color-blue-0)' : undefined,
          }}
          onDragOver={(ev) => {
            ev.preventDefault();
            ev.dataTransfer.dropEffect = 'copy';
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(ev) => {
            ev.preventDefault();
            setOver(false);
            void send([...ev.dataTransfer.files]);
          }}
        >
          <Group gap="xs" wrap="wrap">
            <Text size="sm">{t('refunds.evidence.drop')}</Text>
            <FileButton onChange={(files) => void send(files)} accept={ACCEPT} multiple>
              {(props) => (
                <Button {...props} size="xs" variant="light" data-testid="evidence-choose">
                  {t('refunds.evidence.choose')}
                </Button>
              )}
            </FileButton>
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {t('refunds.evidence.hint')}
          </Text>
        </Paper>
      ) : (
        <Text size="xs" c="dimmed">
          {t('refunds.evidence.closed')}
        </Text>
      )}
      {attempts.length > 0 && (
        <Stack gap={2} aria-live="polite" data-testid="evidence-attempts">
          {attempts.map((a) => (
            <Text
              key={a.key}
              size="xs"
              c={a.state === 'refused' ? 'red.8' : a.state === 'done' ? 'green.9' : 'dimmed'}
              data-state={a.state}
            >
              {a.state === 'sending'
                ? t('refunds.evidence.uploading', { name: a.name })
                : a.state === 'done'
                  ? t('refunds.evidence.uploaded', { name: a.name })
                  : t('refunds.evidence.refused', { name: a.name, error: a.error })}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function EvidenceRow({
  r,
  e,
  uploader,
  lang,
}: {
  r: RefundRequest;
  e: Evidence;
  uploader: string;
  lang: string;
}) {
  const { t } = useTranslation();
  const url = evidenceUrl(r.id, e.id);
  const image = e.contentType.startsWith('image/');
  return (
    <Table.Tr data-testid="evidence-item" data-type={e.contentType}>
      <Table.Td w={56}>
        {image ? (
          <Image src={url} alt="" h={40} w={48} fit="contain" radius="xs" />
        ) : (
          <Text size="xs" fw={700} c="red.9" ta="center">
            PDF
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500} style={{ wordBreak: 'break-all' }} data-testid="evidence-name">
          {e.fileName}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`refunds.evidence.types.${e.contentType}`)} · {fileSize(e.sizeBytes, lang)} ·{' '}
          {t('refunds.evidence.by', { name: uploader, time: dateTime(e.uploadedAt) })}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Group gap="xs" wrap="nowrap">
          {image && (
            <Anchor size="sm" href={url} target="_blank" rel="noopener noreferrer">
              {t('refunds.evidence.open')}
            </Anchor>
          )}
          <Anchor size="sm" href={url} download={e.fileName}>
            {t('refunds.evidence.download')}
          </Anchor>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
