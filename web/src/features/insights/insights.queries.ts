import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  repeatRequestersResponse,
  simulatePolicyBody,
  simulationResponse,
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

export type RepeatRequesters = Response<typeof repeatRequestersResponse>;

/** Accounts with several refund requests in the last `months` months. */
export const useRepeatRequesters = (months: number, min: number) =>
  useQuery({
    queryKey: [...insightsKeys.all, 'repeat-requesters', months, min] as const,
    queryFn: () => get<RepeatRequesters>(`/api/insights/repeat-requesters?months=${months}&min=${min}`),
  });
