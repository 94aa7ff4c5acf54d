import type { FastifyInstance } from 'fastify';

export async function verificationRoutes(_root: FastifyInstance): Promise<void> {}
