import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** The WCAG rule sets the desk is held to: 2.0 and 2.1 A and AA, and what 2.2 adds at AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeNode {
  target: string;
  html: string;
  /** For a colour-contrast failure: what axe measured, e.g. "3.3:1 (#ffffff on #fa5252, needs 4.5:1)". */
  contrast?: string;
  summary: string;
}

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core in the page (evaluated through the debugging protocol, so the app's CSP does not
 * stand in the way) once transitions have finished, and returns its violations of WCAG_TAGS.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // an opening dialog fades in: contrast measured mid-fade is a false alarm
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    type Check = { data?: Record<string, unknown> | null };
    type Result = {
      id: string;
      impact: AxeViolation['impact'];
      help: string;
      nodes: Array<{ target: unknown[]; html: string; failureSummary?: string; any: Check[] }>;
    };
    const axe = (
      window as unknown as { axe: { run: (...a: unknown[]) => Promise<{ violations: Result[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => {
        const data = n.any.find((c) => c.data && 'contrastRatio' in c.data)?.data;
        return {
          target: n.target.map(String).join(' '),
          html: n.html.slice(0, 160),
          summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
          ...(data
            ? {
                contrast: `${data.contrastRatio}:1 (${data.fgColor} on ${data.bgColor}, needs ${data.expectedContrastRatio})`,
              }
            : {}),
        };
      }),
    }));
  }, WCAG_TAGS);
}

/** Only what the desk must never ship: critical and serious violations. */
export const blocking = (violations: AxeViolation[]) =>
  violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');

/** One readable block per violation: rule, impact, how many elements, and each element with what failed. */
export function formatViolations(state: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `${state}: no violations`;
  const lines = [`${state}: ${violations.length} rule(s) violated`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id} — ${v.help} (${v.nodes.length} element(s))`);
    for (const n of v.nodes.slice(0, 8)) {
      lines.push(`      ${n.target}${n.contrast ? `  contrast ${n.contrast}` : ''}`);
      lines.push(`        ${n.html}`);
      if (!n.contrast && n.summary) lines.push(`        ${n.summary.slice(0, 240)}`);
    }
    if (v.nodes.length > 8) lines.push(`      … and ${v.nodes.length - 8} more`);
  }
  return lines.join('\n');
}
