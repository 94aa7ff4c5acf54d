import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  messageDetail,
  messageList,
  previewBody,
  previewResponse,
  TemplateProblem,
  templateParts,
  templateResponse,
} from '../../../../src/modules/messaging/messaging.schemas';
import { del, get, post, put } from '../../lib/api';
import type { Items, Response } from '../../lib/jsonify';

export type MessageSummary = Response<typeof messageList>['items'][number];
export type MessageDetail = Response<typeof messageDetail>;
export type Template = Response<typeof templateResponse>;
export type TemplateParts = z.output<typeof templateParts>;
export type PreviewInput = z.input<typeof previewBody>;
export type TemplatePreview = Response<typeof previewResponse>;
export type { TemplateProblem };

export const messagingKeys = {
  all: ['messaging'] as const,
  forCase: (caseId: string) => [...messagingKeys.all, 'case', caseId] as const,
  mailbox: () => [...messagingKeys.all, 'mailbox'] as const,
  message: (id: string) => [...messagingKeys.all, 'message', id] as const,
  templates: () => [...messagingKeys.all, 'templates'] as const,
  preview: (input: PreviewInput | undefined) => [...messagingKeys.templates(), 'preview', input] as const,
};

/** What the customer was sent on a case, with delivery state; polled, since the worker sends in the background. */
export const useCaseMessages = (caseId: string) =>
  useQuery({
    queryKey: messagingKeys.forCase(caseId),
    queryFn: () => get<Items<MessageDetail>>(`/api/cases/${caseId}/messages`),
    refetchInterval: 5000,
  });

/** Queues a message to the customer; the same Idempotency-Key on a retry queues it once. */
export function useSendCaseMessage(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: { body: string; key: string }) =>
      post<MessageDetail>(
        `/api/cases/${caseId}/messages`,
        { body: d.body },
        { headers: { 'Idempotency-Key': d.key } },
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: messagingKeys.forCase(caseId) }),
  });
}

export const useMailbox = () =>
  useQuery({
    queryKey: messagingKeys.mailbox(),
    queryFn: () => get<Items<MessageSummary>>('/api/mailbox?limit=100'),
    refetchInterval: 5000,
  });

export const useMessage = (id: string | null) =>
  useQuery({
    queryKey: messagingKeys.message(id ?? ''),
    queryFn: () => get<MessageDetail>(`/api/messages/${id}`),
    enabled: Boolean(id),
  });

export function useRetryMessage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => post<MessageSummary>(`/api/admin/messages/${id}/retry`),
    onSuccess: () => qc.invalidateQueries({ queryKey: messagingKeys.mailbox() }),
  });
}

export const useTemplates = () =>
  useQuery({
    queryKey: messagingKeys.templates(),
    queryFn: () => get<Items<Template>>('/api/admin/templates'),
  });

/** Renders a draft; the last good rendering stays on screen while the next one loads, instead of blinking. */
export const useTemplatePreview = (input: PreviewInput | undefined) =>
  useQuery({
    queryKey: messagingKeys.preview(input),
    queryFn: () => post<TemplatePreview>('/api/admin/templates/preview', input),
    enabled: Boolean(input),
    placeholderData: keepPreviousData,
  });

export function useSaveTemplate(key: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (parts: TemplateParts) => put<Template>(`/api/admin/templates/${key}`, parts),
    onSuccess: () => qc.invalidateQueries({ queryKey: messagingKeys.templates() }),
  });
}

export function useResetTemplate(key: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => del(`/api/admin/templates/${key}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: messagingKeys.templates() }),
  });
}
