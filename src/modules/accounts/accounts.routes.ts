import type { FastifyInstance } from 'fastify';

export async function accountRoutes(_root: FastifyInstance): Promise<void> {}
