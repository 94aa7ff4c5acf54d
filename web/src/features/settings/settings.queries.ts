import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  callScriptSettings,
  deskSettings,
  followUpSettings,
  renderedCallScript,
  settingsResponse,
  verificationSettings,
} from '../../../../src/modules/settings/settings.schemas';
import { get, put } from '../../lib/api';
import type { Response } from '../../lib/jsonify';

export type Settings = Response<typeof settingsResponse>;
export type CallScript = Response<typeof renderedCallScript>;
/** What each settings section's form sends. */
export interface SettingsInput {
  verification: z.input<typeof verificationSettings>;
  desk: z.input<typeof deskSettings>;
  'follow-up': z.input<typeof followUpSettings>;
  'call-script': z.input<typeof callScriptSettings>;
}

export const settingsKeys = {
  all: ['settings'] as const,
  current: () => [...settingsKeys.all, 'current'] as const,
  callScript: () => [...settingsKeys.all, 'call-script'] as const,
};

export const useSettings = () =>
  useQuery({ queryKey: settingsKeys.current(), queryFn: () => get<Settings>('/api/settings') });

/** The call greeting filled in for me, in both languages. */
export const useCallScript = () =>
  useQuery({
    queryKey: settingsKeys.callScript(),
    queryFn: () => get<CallScript>('/api/call-script'),
    staleTime: 5 * 60_000,
  });

/** Saves one section (admin); the answer is every setting, and the call greeting reloads too. */
export function useSaveSettings<S extends keyof SettingsInput>(section: S) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SettingsInput[S]) => put<Settings>(`/api/admin/settings/${section}`, body),
    onSuccess: (settings) => {
      qc.setQueryData(settingsKeys.current(), settings);
      void qc.invalidateQueries({ queryKey: settingsKeys.all });
    },
  });
}
