import { describe, expect, it } from 'vitest';
import {
  CONTROL_BORDER,
  cssVariablesResolver,
  DESK_COLORS,
  PRIMARY_SHADE,
  theme,
} from '../web/src/app/theme';

/** WCAG 2.x relative luminance of an opaque #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const HOVER_SHADE = 8;

/** The contrast ratio as axe-core reports it (two decimals). */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return Math.floor(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
}

const WHITE = '#ffffff';
const colors = Object.entries(DESK_COLORS);
const gray = DESK_COLORS.gray;
// where the desk puts text: the page, table and hover greys, and every colour's tint (alerts,
// light badges, the selected search hit, an overdue commitment's row)
const backgrounds: Array<[string, string]> = [
  ['white', WHITE],
  ['gray-0', gray[0]],
  ['gray-1', gray[1]],
  ...colors.map(([name, tones]): [string, string] => [`${name}-1`, tones[1]]),
];

describe('every text the theme puts on a colour reads at 4.5:1 or more', () => {
  it('uses the deeper tone as primary shade (and the next as its hover), for every colour', () => {
    expect(theme.primaryShade).toEqual({ light: PRIMARY_SHADE, dark: 8 });
    expect(HOVER_SHADE).toBe(PRIMARY_SHADE + 1);
    expect(theme.primaryColor).toBe('blue');
  });

  it.each(colors)('white on filled %s and on its hover', (_, tones) => {
    expect(contrast(WHITE, tones[PRIMARY_SHADE])).toBeGreaterThanOrEqual(4.5);
    expect(contrast(WHITE, tones[HOVER_SHADE])).toBeGreaterThanOrEqual(4.5);
  });

  it.each(colors)('%s text (outline, subtle link, c=…) on every background the desk uses', (_, tones) => {
    for (const [where, bg] of backgrounds)
      expect(contrast(tones[PRIMARY_SHADE], bg), `on ${where}`).toBeGreaterThanOrEqual(4.5);
  });

  it.each(colors)('a light %s badge or alert: its text on its tint and on the hover tint', (_, tones) => {
    expect(contrast(tones[9], tones[1])).toBeGreaterThanOrEqual(4.5);
    expect(contrast(tones[9], tones[2])).toBeGreaterThanOrEqual(4.5);
  });

  it('dimmed text and placeholders on every background the desk uses', () => {
    for (const [where, bg] of backgrounds)
      expect(contrast(gray[6], bg), `on ${where}`).toBeGreaterThanOrEqual(4.5);
  });

  it('field errors and placeholders take the readable tones, not Mantine’s fixed ones', () => {
    const light = cssVariablesResolver(theme as never).light;
    expect(light['--mantine-color-error']).toBe(`var(--mantine-color-red-${PRIMARY_SHADE})`);
    expect(light['--mantine-color-placeholder']).toBe('var(--mantine-color-gray-6)');
  });

  it('outlines fields at 3:1 or more against the page and the grey panels', () => {
    for (const bg of [WHITE, gray[0], gray[1]])
      expect(contrast(CONTROL_BORDER, bg)).toBeGreaterThanOrEqual(3);
    expect(cssVariablesResolver(theme as never).light['--desk-control-border']).toBe(CONTROL_BORDER);
  });

  it('measures the way axe does: Mantine’s own blue-6 under white fails', () => {
    expect(contrast(WHITE, '#228be6')).toBe(3.55);
  });
});
