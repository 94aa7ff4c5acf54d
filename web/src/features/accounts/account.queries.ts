import { useQuery } from '@tanstack/react-query';
import { get } from '../../lib/api';
import type { CaseSummary, Note } from '../../lib/types';

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
}

export const useAccount = (id: string) =>
  useQuery({ queryKey: ['account', id], queryFn: () => get<AccountView>(`/api/accounts/${id}`) });

export const useAccountNotes = (id: string) =>
  useQuery({ queryKey: ['notes', id], queryFn: () => get<{ items: Note[] }>(`/api/accounts/${id}/notes`) });
