import {
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  Drawer,
  type MantineColorsTuple,
  Modal,
  Notification,
} from '@mantine/core';

/*
 * The desk's colours, chosen so that every text the UI puts on a colour reads at 4.5:1 or more
 * (WCAG 2.x AA for normal text): white on a filled badge or button and on its hover, a colour's
 * text on white and on every tint the desk uses as a background, a light badge's or alert's text
 * on its tint, and dimmed text on all of them. Mantine's palettes keep their light tints (0–5);
 * the tones used for text and fills (6–9) are deeper, and the primary shade is 7 instead of 6.
 * test/theme-contrast.test.ts computes every such pair; the browser tests check the pages with axe.
 */

/** Mantine's tints (0–5) of a colour with the desk's deeper tones (6–9). */
function deepened(name: string, tones: [string, string, string, string]): MantineColorsTuple {
  const tints = DEFAULT_THEME.colors[name];
  if (!tints) throw new Error(`Mantine has no colour ${name}`);
  return [...tints.slice(0, 6), ...tones] as unknown as MantineColorsTuple;
}

export const DESK_COLORS = {
  // 7 is the primary: a calm, deep blue that white text reads on at 6:1
  blue: deepened('blue', ['#1c7ed6', '#1864ab', '#155a96', '#0c4a85']),
  red: deepened('red', ['#e03131', '#b92626', '#a02020', '#8a1c1c']),
  green: deepened('green', ['#2f9e44', '#1e7133', '#185e2a', '#124d22']),
  orange: deepened('orange', ['#e8590c', '#b63d0a', '#9c330a', '#7c2d12']),
  yellow: deepened('yellow', ['#f08c00', '#8a5400', '#7f4d00', '#6b4100']),
  // 6 is the dimmed text (secondary lines, hints): lighter than body text, still 5:1 on the tints
  gray: deepened('gray', ['#5c636b', '#495057', '#343a40', '#212529']),
} satisfies Record<string, MantineColorsTuple>;

/** Which tone of a colour fills a button or badge (white text on it) and colours text on white. */
export const PRIMARY_SHADE = 7;

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: PRIMARY_SHADE, dark: 8 },
  colors: DESK_COLORS,
});

/**
 * The theme in the UI language: a dialog's close button is an icon, so every dialog gets its
 * spoken name here rather than at each use.
 */
export function deskTheme(closeLabel: string) {
  const closeButtonProps = { 'aria-label': closeLabel };
  return createTheme({
    ...theme,
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps } }),
      // the toasts of notifications.show() are Notifications: their close button is named too
      Notification: Notification.extend({ defaultProps: { closeButtonProps } }),
    },
  });
}

/** A field's outline: 3:1 against the page and the grey panels (WCAG 1.4.11 non-text contrast). */
export const CONTROL_BORDER = '#80878f';

/**
 * Mantine names a fixed tone for a few texts whatever the primary shade is: error messages under
 * fields (red-6) and placeholders (gray-5, 2:1 on white). They take the readable tones.
 * desk.css draws the fields' outlines in CONTROL_BORDER.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-error': `var(--mantine-color-red-${PRIMARY_SHADE})`,
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--desk-control-border': CONTROL_BORDER,
  },
  dark: {},
});
