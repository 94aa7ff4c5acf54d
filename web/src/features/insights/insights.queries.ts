import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  dashboardCasesResponse,
  dashboardQuery,
  dashboardResponse,
  repeatRequestersResponse,
  simulatePolicyBody,
  simulationResponse,
  whatIfBaseResponse,
} from '../../../../src/modules/insights/insights.schemas';
import { get, post } from '../../lib/api';
import type { Response } from '../../lib/jsonify';

export type Simulation = Response<typeof simulationResponse>;
export type SimulationInput = z.input<typeof simulatePolicyBody>;

export const insightsKeys = {
  all: ['insights'] as const,
  simulation: (input: SimulationInput, draftSavedAt: string | null) =>
    [...insightsKeys.all, 'simulation', input, draftSavedAt] as const,
};

/**
 * The draft (or a version) replayed against the requests of a period. Keyed by when the draft was
 * saved, so every saved change is simulated again; a read, so it runs as a query.
 */
export const usePolicySimulation = (input: SimulationInput, draftSavedAt: string | null, enabled = true) =>
  useQuery({
    queryKey: insightsKeys.simulation(input, draftSavedAt),
    queryFn: () => post<Simulation>('/api/policy-simulations', input),
    enabled,
    staleTime: 60_000,
  });

export type WhatIfBase = Response<typeof whatIfBaseResponse>;

/** The version in force and the values a what-if starts from (its windows, its goodwill limit). */
export const useWhatIfBase = (enabled = true) =>
  useQuery({
    queryKey: [...insightsKeys.all, 'what-if-base'] as const,
    queryFn: () => get<WhatIfBase>('/api/policy-simulations/what-if'),
    enabled,
    staleTime: 60_000,
  });

export type RepeatRequesters = Response<typeof repeatRequestersResponse>;

/** Accounts with several refund requests in the last `months` months. */
export const useRepeatRequesters = (months: number, min: number) =>
  useQuery({
    queryKey: [...insightsKeys.all, 'repeat-requesters', months, min] as const,
    queryFn: () => get<RepeatRequesters>(`/api/insights/repeat-requesters?months=${months}&min=${min}`),
  });

export type Dashboard = Response<typeof dashboardResponse>;
export type DashboardCases = Response<typeof dashboardCasesResponse>;
export type DashboardFilters = z.input<typeof dashboardQuery>;

/** The filters as a query string, leaving out what is not set (the server fills the defaults). */
export const dashboardSearch = (filters: DashboardFilters, extra: Record<string, string> = {}) =>
  new URLSearchParams(
    Object.entries({ ...filters, ...extra }).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
    ),
  ).toString();

/** The insights dashboard for the filters (the page keeps them in the URL). */
export const useDashboard = (filters: DashboardFilters) =>
  useQuery({
    queryKey: [...insightsKeys.all, 'dashboard', filters] as const,
    queryFn: () => get<Dashboard>(`/api/insights/dashboard?${dashboardSearch(filters)}`),
    staleTime: 60_000,
  });

/**
 * The cases behind one bar: `pick` names the series, the chart and the bar. A page at a time
 * (50, newest first); the next page asks with the previous page's `next` cursor.
 */
export const useDashboardCases = (
  filters: DashboardFilters,
  pick: { metric: string; dimension: string; key: string } | null,
) =>
  useInfiniteQuery({
    queryKey: [...insightsKeys.all, 'dashboard-cases', filters, pick] as const,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      get<DashboardCases>(
        `/api/insights/dashboard/cases?${dashboardSearch(filters, { ...(pick ?? {}), ...(pageParam ? { after: pageParam } : {}) })}`,
      ),
    getNextPageParam: (last) => last.next,
    enabled: pick !== null,
  });
