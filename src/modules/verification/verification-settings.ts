import { z } from 'zod';
import type { Executor } from '../../platform/audit';
import { schemaMessage } from '../../platform/http/validation-messages';

// Zod and plain values only: the settings module builds its schemas from these while it loads.

/**
 * Every factor an admin can make count, once: the stored secrets, plus a code mailed to the
 * address on file. `shownToAgent` says whether the agent sees the value on the search result or
 * account view anyway (name, postal code): such a factor proves little on its own, so the rules
 * must always ask for at least one the agent cannot read off the screen.
 */
export const FACTORS = {
  date_of_birth: { shownToAgent: false, stored: true },
  postal_code: { shownToAgent: true, stored: true },
  id_last4: { shownToAgent: false, stored: true },
  full_name: { shownToAgent: true, stored: true },
  security_answer: { shownToAgent: false, stored: true },
  email_code: { shownToAgent: false, stored: false },
} as const satisfies Record<string, { shownToAgent: boolean; stored: boolean }>;

/** Every factor by name, in the order the settings show them. */
export const CONFIG_FACTORS = Object.keys(FACTORS) as [ConfigFactor, ...ConfigFactor[]];
export type ConfigFactor = keyof typeof FACTORS;

/** The factors whose secret is stored per person (a keyed hash in verification_secrets). */
export type VerificationFactor = {
  [F in ConfigFactor]: (typeof FACTORS)[F]['stored'] extends true ? F : never;
}[ConfigFactor];
export const VERIFICATION_FACTORS = CONFIG_FACTORS.filter(
  (f): f is VerificationFactor => FACTORS[f].stored,
) as readonly VerificationFactor[];

export const isShownToAgent = (factor: ConfigFactor): boolean => FACTORS[factor].shownToAgent;

/** The factor list as the settings answer it, so the admin sees which ones the agent can read. */
export const FACTOR_LIST = CONFIG_FACTORS.map((factor) => ({
  factor,
  shownToAgent: FACTORS[factor].shownToAgent,
}));

/** The lockout when nothing else is configured: the third failure in a row locks for 15 minutes. */
export const LOCKOUT = { maxFailures: 3, lockMinutes: 15 } as const;

export const verificationSettings = z
  .object({
    factors: z
      .array(z.enum(CONFIG_FACTORS))
      .min(1)
      .max(CONFIG_FACTORS.length)
      .refine(
        (f) => new Set(f).size === f.length,
        schemaMessage({ en: 'each factor once', de: 'Bitte jedes Merkmal nur einmal wählen' }),
      )
      .refine(
        (f) => f.some((factor) => !isShownToAgent(factor)),
        schemaMessage({
          en: 'enable at least one factor the agent cannot see (date of birth, ID, security answer or e-mail code)',
          de: 'Bitte mindestens ein Merkmal freigeben, das die Mitarbeitenden nicht sehen (Geburtsdatum, Ausweis, Sicherheitsantwort oder E-Mail-Code)',
        }),
      ),
    required: z.number().int().min(1).max(CONFIG_FACTORS.length),
    ttlMinutes: z.number().int().min(5).max(480),
  })
  .strict()
  .refine((s) => s.required <= s.factors.length, {
    message: schemaMessage({
      en: 'cannot require more factors than are enabled',
      de: 'Es können nicht mehr Merkmale verlangt werden, als freigegeben sind',
    }),
    path: ['required'],
  });

export type VerificationSettings = z.infer<typeof verificationSettings>;

export const VERIFICATION_DEFAULTS: VerificationSettings = {
  factors: [...CONFIG_FACTORS],
  required: 2,
  ttlMinutes: 30,
};

/** The verification settings as the settings page answers them: the rules, the lockout, the factor list. */
export const verificationSettingsResponse = z.object({
  factors: z.array(z.enum(CONFIG_FACTORS)),
  required: z.number().int(),
  ttlMinutes: z.number().int(),
  maxFailures: z.number().int(),
  lockMinutes: z.number().int(),
  availableFactors: z.array(z.object({ factor: z.enum(CONFIG_FACTORS), shownToAgent: z.boolean() })),
});

/** Where verification reads its current settings from (the settings module stores them). */
export type VerificationSettingsSource = (db: Executor) => Promise<VerificationSettings>;

let source: VerificationSettingsSource | undefined;

/** The assembly (modules/index.ts) names where the settings live, so verification need not import it. */
export function provideVerificationSettings(from: VerificationSettingsSource): void {
  source = from;
}

/** The current verification settings; refuses to guess when nobody said where they are stored. */
export function loadVerificationSettings(db: Executor): Promise<VerificationSettings> {
  if (!source)
    throw new Error('verification settings have no source: call provideVerificationSettings first');
  return source(db);
}
