import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createStaffUserBody,
  staffUserResponse,
  updateStaffUserBody,
} from '../../../../src/modules/staff/staff.schemas';
import { get, patch, post } from '../../lib/api';
import type { Items, Response } from '../../lib/jsonify';

export type StaffUser = Response<typeof staffUserResponse>;
export type NewStaffUser = z.input<typeof createStaffUserBody>;
export type StaffUserChange = z.input<typeof updateStaffUserBody>;

export const staffKeys = {
  all: ['staff'] as const,
  list: () => [...staffKeys.all, 'list'] as const,
};

/** Every staff member, for the users page and the owner pickers. */
export const useStaff = () =>
  useQuery({ queryKey: staffKeys.list(), queryFn: () => get<Items<StaffUser>>('/api/staff') });

export function useCreateStaffUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewStaffUser) => post<StaffUser>('/api/admin/staff', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKeys.all }),
  });
}

export function useUpdateStaffUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: StaffUserChange & { id: string }) =>
      patch<StaffUser>(`/api/admin/staff/${id}`, change),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKeys.all }),
  });
}

/** Lifts the login throttle on a staff user's e-mail, from every address (admin). */
export function useUnlockStaffLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => post<StaffUser>(`/api/admin/staff/${id}/unlock-login`),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKeys.all }),
  });
}
