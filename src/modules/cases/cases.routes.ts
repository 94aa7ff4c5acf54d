import type { FastifyInstance } from 'fastify';

export async function caseRoutes(_root: FastifyInstance): Promise<void> {}
