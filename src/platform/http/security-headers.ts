import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/** What a browser is told to remember for a year: this host only ever over HTTPS. */
const HSTS = { maxAge: 31_536_000, includeSubDomains: true };

const directives = {
  defaultSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  scriptSrc: ["'self'"],
};

// Built once for each mode: @fastify/helmet builds helmet's middleware anew on every request
// (parsing the CSP among other things), which cost more than everything else the headers need.
const overHttp = helmet({
  strictTransportSecurity: false,
  contentSecurityPolicy: { directives: { ...directives, upgradeInsecureRequests: null } },
});
const overHttps = helmet({
  strictTransportSecurity: HSTS,
  contentSecurityPolicy: { directives: { ...directives, upgradeInsecureRequests: [] } },
});

/**
 * Helmet's headers on every response, and the two that only make sense over HTTPS only then:
 * `Strict-Transport-Security` and the CSP's `upgrade-insecure-requests`. Sent over plain HTTP on
 * a network address, the latter makes the browser fetch the page's assets over https, which
 * nothing answers, and the page stays blank. A request counts as HTTPS when its socket is TLS, or
 * when a proxy listed in KULANZ_TRUST_PROXY connected and says `X-Forwarded-Proto: https`
 * (Fastify's `request.protocol` believes the header from those proxies only).
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', (request, reply, done) => {
    const headers = request.protocol?.toLowerCase() === 'https' ? overHttps : overHttp;
    headers(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
