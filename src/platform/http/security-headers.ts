import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** What a browser is told to remember for a year: this host only ever over HTTPS. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Helmet's headers on every response, and the two that only make sense over HTTPS only then:
 * `Strict-Transport-Security` and the CSP's `upgrade-insecure-requests`. Sent over plain HTTP on
 * a network address, the latter makes the browser fetch the page's assets over https, which
 * nothing answers, and the page stays blank. A request counts as HTTPS when its socket is TLS, or
 * when a proxy listed in KULANZ_TRUST_PROXY connected and says `X-Forwarded-Proto: https`
 * (Fastify's `request.protocol` believes the header from those proxies only).
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    strictTransportSecurity: false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  // runs after helmet's own onRequest hook, which has set the CSP on the raw response by now
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol?.toLowerCase() !== 'https') return;
    const csp = reply.raw.getHeader('content-security-policy');
    if (typeof csp === 'string')
      reply.raw.setHeader('content-security-policy', `${csp};upgrade-insecure-requests`);
    reply.raw.setHeader('strict-transport-security', HSTS);
  });
}
