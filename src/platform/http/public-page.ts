import type { FastifyReply } from 'fastify';

// The pages customers open without a login (the survey, the refund policy): plain server-rendered
// HTML in one small layout, with the company's name above the title and no script.

export type PageLanguage = 'de' | 'en';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const BASE_CSS = `body{font-family:system-ui,sans-serif;max-width:560px;margin:32px auto;padding:0 16px;color:#222;line-height:1.5}
.brand{margin:0;color:#555;font-size:.9rem;letter-spacing:.02em}h1{margin-top:.2em}`;

export interface PublicPageInput {
  lang: PageLanguage;
  /** Plain text: the <title> and the page's heading. */
  title: string;
  /** HTML, escaped by the caller. */
  body: string;
  companyName?: string;
  /** The page's own rules, after the layout's. */
  css?: string;
}

/** A whole public page: the layout, the company's name, the heading and the body. */
export function publicPage(input: PublicPageInput): string {
  const brand = input.companyName ? `<p class="brand">${escapeHtml(input.companyName)}</p>` : '';
  const title = escapeHtml(input.title);
  return `<!doctype html><html lang="${input.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>${BASE_CSS}
${input.css ?? ''}</style></head><body><main>${brand}<h1>${title}</h1>${input.body}</main></body></html>`;
}

/** The language for a page without a known customer: the browser's preference, German by default. */
export function languageFromHeader(acceptLanguage: string | undefined): PageLanguage {
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'de';
}

/** What every public page answers with besides the global security headers: HTML, not cached, no referrer. */
export function publicPageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer');
}
