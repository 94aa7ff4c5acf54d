import { useMutation, useQueryClient } from '@tanstack/react-query';
import { post } from '../../lib/api';
import type { Note } from '../../lib/types';

/** Appends an addendum; the answer is the whole note, which replaces the cached one in place. */
export function useAddAddendum(noteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => post<Note>(`/api/notes/${noteId}/addenda`, { body }),
    onSuccess: (note) => {
      qc.setQueriesData<{ items: Note[] }>(
        { queryKey: ['notes'] },
        (old) => old && { ...old, items: old.items.map((n) => (n.id === note.id ? note : n)) },
      );
      void qc.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
}

/**
 * Marks a commitment done (the server lets its owner, a lead or an admin do so); every view that
 * lists it (its account, the notes, my commitments) reloads.
 */
export function useCompleteCommitment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => post(`/api/commitments/${id}/done`),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['account'] });
      void qc.invalidateQueries({ queryKey: ['notes'] });
      void qc.invalidateQueries({ queryKey: ['commitments'] });
    },
  });
}
