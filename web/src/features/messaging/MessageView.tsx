import { Center, Loader, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../lib/format';
import type { MessageDetail } from './messaging.queries';

/**
 * Customer-facing HTML in a frame that may run nothing and reach nothing: an empty sandbox
 * gives it no scripts, no forms, no popups and an opaque origin, so it cannot read the staff
 * app's cookies or call its API whatever a template or a message contains.
 */
export function EmailHtmlFrame({
  html,
  title,
  testId,
  height = 420,
}: {
  html: string;
  title: string;
  testId?: string;
  height?: number;
}) {
  return (
    <iframe
      sandbox=""
      srcDoc={html}
      title={title}
      referrerPolicy="no-referrer"
      data-testid={testId}
      style={{
        width: '100%',
        height,
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-sm)',
        background: 'white',
      }}
    />
  );
}

/** Says why a code or link reads •••••• here: staff never see them, the customer does. */
export function SecretsMaskedNote() {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed" data-testid="secrets-masked">
      {t('messages.secretsMasked')}
    </Text>
  );
}

type View = 'text' | 'html';

/** Both parts of a message with a switch between them; HTML first, as most customers see it. */
export function MessageBody({ text, html }: { text: string; html: string }) {
  const { t } = useTranslation();
  const hasHtml = html.trim().length > 0;
  const [view, setView] = useState<View>(hasHtml ? 'html' : 'text');
  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        value={view}
        onChange={(v) => setView(v as View)}
        data={[
          { value: 'text', label: t('messages.viewText') },
          { value: 'html', label: t('messages.viewHtml'), disabled: !hasHtml },
        ]}
        data-testid="message-view"
      />
      {view === 'html' ? (
        <EmailHtmlFrame html={html} title={t('messages.htmlFrame')} testId="message-html" />
      ) : (
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          data-testid="message-text"
        >
          {text}
        </Text>
      )}
    </Stack>
  );
}

/** One message opened in full; shows a loader while the caller still fetches it. */
export function MessageModal({
  message,
  opened,
  onClose,
}: {
  message: MessageDetail | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={message?.subject ?? ''}>
      {message ? (
        <Stack gap="xs" data-testid="message-full">
          <Text size="xs" c="dimmed">
            {t('messages.to', { to: message.to })} · {dateTime(message.sentAt ?? message.createdAt)}
            {message.lastError && ` · ${message.lastError}`}
          </Text>
          {message.secretsMasked && <SecretsMaskedNote />}
          <MessageBody key={message.id} text={message.text} html={message.html} />
        </Stack>
      ) : (
        <Center p="md">
          <Loader size="sm" />
        </Center>
      )}
    </Modal>
  );
}
