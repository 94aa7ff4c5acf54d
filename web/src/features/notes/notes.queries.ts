import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  commitmentResponse,
  createNoteBody,
  noteResponse,
} from '../../../../src/modules/notes/notes.schemas';
import { get, post } from '../../lib/api';
import type { Items, Response } from '../../lib/jsonify';
import { type AccountView, accountKeys } from '../accounts/accounts.queries';
import { caseKeys } from '../cases/cases.queries';

export type Note = Response<typeof noteResponse>;
export type Commitment = Response<typeof commitmentResponse>;
/** A promise made in one of the account's notes and not yet kept, as the account view lists it. */
export type OpenCommitment = AccountView['openCommitments'][number];
export type Person = Note['commitments'][number]['owner'];
export type NewNote = z.input<typeof createNoteBody>;

export const noteKeys = {
  all: ['notes'] as const,
  forAccounts: () => [...noteKeys.all, 'account'] as const,
  forAccount: (accountId: string) => [...noteKeys.forAccounts(), accountId] as const,
  commitments: () => [...noteKeys.all, 'commitments'] as const,
  myCommitments: (status: Commitment['status']) => [...noteKeys.commitments(), 'mine', status] as const,
};

/** The account's notes, newest first; asks nothing until the account is known. */
export const useAccountNotes = (accountId: string | undefined) =>
  useQuery({
    queryKey: noteKeys.forAccount(accountId ?? ''),
    queryFn: () => get<Items<Note>>(`/api/accounts/${accountId}/notes`),
    enabled: Boolean(accountId),
  });

export const useMyCommitments = (status: Commitment['status']) =>
  useQuery({
    queryKey: noteKeys.myCommitments(status),
    queryFn: () => get<Items<Commitment>>(`/api/commitments?owner=me&status=${status}`),
  });

/** Saves the note of a call; its promises appear in the account's notes and in my commitments. */
export function useWriteNote(accountId: string, caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<NewNote, 'accountId' | 'caseId'>) =>
      post<Note>('/api/notes', { accountId, caseId, ...body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: noteKeys.forAccount(accountId) });
      void qc.invalidateQueries({ queryKey: noteKeys.commitments() });
      void qc.invalidateQueries({ queryKey: accountKeys.detail(accountId) });
      void qc.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
    },
  });
}

/** Appends an addendum; the answer is the whole note, which replaces the cached one in place. */
export function useAddAddendum(noteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => post<Note>(`/api/notes/${noteId}/addenda`, { body }),
    onSuccess: (note) => {
      qc.setQueriesData<Items<Note>>(
        { queryKey: noteKeys.forAccounts() },
        (old) => old && { ...old, items: old.items.map((n) => (n.id === note.id ? note : n)) },
      );
      void qc.invalidateQueries({ queryKey: caseKeys.timelines() });
    },
  });
}

/** Every view that lists commitments (its account, the notes, my commitments) reloads. */
export function useRefreshCommitments() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: accountKeys.details() }),
      qc.invalidateQueries({ queryKey: noteKeys.all }),
    ]);
}

/** Marks a commitment done (the server lets its owner, a lead or an admin do so). */
export function useCompleteCommitment() {
  return useMutation({
    mutationFn: (id: string) => post<Commitment>(`/api/commitments/${id}/done`),
  });
}

/** The undo of mark done: the commitment is open again (owner, lead or admin). */
export function useReopenCommitment() {
  return useMutation({
    mutationFn: (id: string) => post<Commitment>(`/api/commitments/${id}/reopen`),
  });
}
