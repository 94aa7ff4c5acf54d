import type { FastifyInstance } from 'fastify';

export async function settingsRoutes(_root: FastifyInstance): Promise<void> {}
