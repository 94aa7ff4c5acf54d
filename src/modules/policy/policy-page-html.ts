import { escapeHtml, publicPage } from '../../platform/http/public-page';
import type { PolicyPage } from './policy-page';

const POLICY_CSS = `.version{color:#555}h2{font-size:1.15rem;margin:1.4em 0 .3em}nav a{color:#1864ab}`;

/** The customer-facing policy as a page of its own, with a link to the other language. */
export function policyHtmlPage(page: PolicyPage, companyName: string): string {
  const other = page.lang === 'de' ? { lang: 'en', label: 'English' } : { lang: 'de', label: 'Deutsch' };
  const sections = page.sections
    .map(
      (s) =>
        `<section id="${s.id}"><h2>${escapeHtml(s.heading)}</h2>${s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</section>`,
    )
    .join('\n');
  const body = `<p class="version">${escapeHtml(page.subtitle)}</p>
${sections}
<nav aria-label="${page.lang === 'de' ? 'Sprache' : 'Language'}"><p><a href="/policy?lang=${other.lang}" hreflang="${other.lang}" lang="${other.lang}">${other.label}</a></p></nav>`;
  return publicPage({ lang: page.lang, title: page.title, body, companyName, css: POLICY_CSS });
}
