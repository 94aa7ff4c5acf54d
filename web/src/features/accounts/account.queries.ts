import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../lib/api';
import { refetchWhenPassed } from '../../lib/format';
import type { CaseSummary, Note, Person } from '../../lib/types';

/** A promise made in one of the account's notes and not yet kept. */
export interface OpenCommitment {
  id: string;
  description: string;
  owner: Person;
  dueOn: string;
  overdue: boolean;
  noteId: string;
  caseId: string | null;
  caseNumber: string | null;
}

export interface AccountView {
  account: {
    id: string;
    accountNumber: string;
    status: string;
    firstName: string;
    lastName: string;
    email: string | null;
    phone: string | null;
    street: string | null;
    postalCode: string | null;
    city: string | null;
    country: string;
    language: string;
    acquisitionChannel: string;
    signupAt: string;
    tenureMonths: number;
    verification: { failures: number; locked: boolean; lockedUntil: string | null; flaggedAt: string | null };
  };
  representatives: Array<{
    id: string;
    firstName: string;
    lastName: string;
    relationship: string;
    phone: string | null;
    canCancel: boolean;
    canRequestRefunds: boolean;
  }>;
  subscriptions: Array<{
    id: string;
    planName: { de: string; en: string };
    tier: string;
    status: string;
    priceMinor: number;
    currency: string;
    cycle: string;
    currentPeriodStart: string;
    currentPeriodEnd: string;
    nextRenewalOn: string | null;
    cancelEffectiveOn: string | null;
    pausedUntil: string | null;
  }>;
  orders: Array<{
    id: string;
    orderNumber: string;
    productName: { de: string; en: string };
    category: string;
    totalMinor: number;
    currency: string;
    status: string;
    orderedAt: string;
  }>;
  payments: Array<{
    id: string;
    amountMinor: number;
    refundedMinor: number;
    currency: string;
    method: string;
    status: string;
    paidAt: string;
  }>;
  invoices: Array<{
    id: string;
    invoiceNumber: string;
    amountMinor: number;
    paidMinor: number;
    currency: string;
    status: string;
    dueOn: string;
    overdue: boolean;
  }>;
  balance: { outstandingMinor: number; overdueMinor: number; currency: string };
  storeCredit: { balanceMinor: number; currency: string };
  cases: CaseSummary[];
  openCommitments: OpenCommitment[];
}

export const useAccount = (id: string) =>
  useQuery({
    queryKey: ['account', id],
    queryFn: () => get<AccountView>(`/api/accounts/${id}`),
    refetchInterval: (q) => refetchWhenPassed(q.state.data?.account.verification.lockedUntil),
  });

export const useAccountNotes = (id: string) =>
  useQuery({ queryKey: ['notes', id], queryFn: () => get<{ items: Note[] }>(`/api/accounts/${id}/notes`) });

/** A lead lifts the verification lock early with a written reason; the server refuses agents. */
export function useUnlockVerification(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => post(`/api/accounts/${accountId}/verification/unlock`, { reason }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['account', accountId] });
      void qc.invalidateQueries({ queryKey: ['verification'] });
      void qc.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
}
