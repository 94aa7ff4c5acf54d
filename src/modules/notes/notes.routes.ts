import type { FastifyInstance } from 'fastify';

export async function noteRoutes(_root: FastifyInstance): Promise<void> {}
