// The machine's ceiling for the throughput section: Fastify and a plain pg pool answering one
// indexed point select per request, no session, no hooks, no logging. `npm run bench` starts it
// as a child process beside kulanz, on the same database, and reports kulanz as a share of it.
//
//   DATABASE_URL=postgres://… PORT=3999 [POOL_SIZE=10] node --import tsx bench/bare-server.ts
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 10),
});
const app = Fastify({ logger: false });

app.get<{ Params: { number: string } }>('/bare/:number', async (request, reply) => {
  const result = await pool.query(
    'select id, account_number, first_name, last_name, status from accounts where account_number = $1',
    [request.params.number],
  );
  if (result.rows.length === 0) return reply.code(404).send({ found: false });
  return result.rows[0];
});

const port = Number(process.env.PORT ?? 0);
const address = await app.listen({ port, host: '127.0.0.1' });
console.log(`bare route listening at ${address}`);

const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
