import { useInfiniteQuery } from '@tanstack/react-query';
import type { auditPageResponse } from '../../../../src/modules/audit/audit.schemas';
import { get } from '../../lib/api';
import type { Response } from '../../lib/jsonify';

export type AuditPageData = Response<typeof auditPageResponse>;
export type AuditEvent = AuditPageData['items'][number];
export interface AuditFilters {
  action: string;
  entityId: string;
  accountId: string;
  caseId: string;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, 'list', filters] as const,
};

/** The audit log, newest first, a page at a time, filtered by what is filled in. */
export const useAuditEvents = (filters: AuditFilters) =>
  useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) => {
      const p = new URLSearchParams(Object.entries(filters).filter(([, v]) => v.trim()));
      if (pageParam) p.set('before', String(pageParam));
      return get<AuditPageData>(`/api/admin/audit?${p}`);
    },
    getNextPageParam: (last) => last.nextBefore,
  });
