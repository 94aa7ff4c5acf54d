import { z } from 'zod';
import { shortText } from '../../platform/http/schemas';
import { schemaMessage } from '../../platform/http/validation-messages';
import { VERIFICATION_DEFAULTS, verificationSettings, verificationSettingsResponse } from '../verification';
import { callScriptProblem } from './call-script';

export { verificationSettings };

/** One line the messages open with, before the customer's name: "Guten Tag" + " Erika Mustermann,". */
const greetingText = shortText(60)
  .regex(/^[^\r\n]*$/, schemaMessage({ en: 'must be a single line', de: 'Bitte nur eine Zeile schreiben' }))
  .refine(
    (s) => !s.includes('{{') && !s.includes('}}'),
    schemaMessage({
      en: 'must not contain template tags {{ }}',
      de: 'Bitte keine Vorlagen-Platzhalter {{ }} verwenden',
    }),
  );

export const deskGreeting = z.object({ de: greetingText, en: greetingText }).strict();

export const DEFAULT_GREETING: z.infer<typeof deskGreeting> = { de: 'Guten Tag', en: 'Dear' };

/** What an admin sends: every field, so a client that does not know the greeting cannot reset it unseen. */
export const deskSettings = z
  .object({
    companyName: shortText(120),
    supportEmail: z.email().max(254),
    supportPhone: shortText(40),
    signatureDe: z.string().trim().min(1).max(1000),
    signatureEn: z.string().trim().min(1).max(1000),
    greeting: deskGreeting,
  })
  .strict();

/** As stored: desk settings saved before the greeting existed keep their texts and get the default greeting. */
export const storedDeskSettings = deskSettings.extend({ greeting: deskGreeting.default(DEFAULT_GREETING) });

export const followUpSettings = z
  .object({ delayDays: z.number().int().min(0).max(90), validDays: z.number().int().min(1).max(90) })
  .strict();

/** One language's call greeting: what the agent says on picking up (seed 002, step 1). */
const callScriptText = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .superRefine((text, ctx) => {
    const problem = callScriptProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const callScriptSettings = z.object({ de: callScriptText, en: callScriptText }).strict();

export const SETTINGS = {
  verification: {
    schema: verificationSettings,
    defaults: VERIFICATION_DEFAULTS,
  },
  desk: {
    schema: storedDeskSettings,
    defaults: {
      companyName: 'Kulanz Demo GmbH',
      supportEmail: 'service@kulanz.test',
      supportPhone: '+49 30 1234 5678',
      signatureDe: 'Freundliche Grüße\nIhr Kundenservice',
      signatureEn: 'Kind regards\nYour customer service team',
      greeting: DEFAULT_GREETING,
    } as z.infer<typeof storedDeskSettings>,
  },
  follow_up: {
    schema: followUpSettings,
    defaults: { delayDays: 7, validDays: 14 } as z.infer<typeof followUpSettings>,
  },
  call_script: {
    schema: callScriptSettings,
    defaults: {
      de: '{{company.name}}, guten Tag, mein Name ist {{agent.name}}. Was kann ich für Sie tun?',
      en: 'Thank you for calling {{company.name}}, this is {{agent.name}}. How can I help you?',
    } as z.infer<typeof callScriptSettings>,
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;

export const settingsResponse = z.object({
  verification: verificationSettingsResponse,
  desk: deskSettings,
  followUp: followUpSettings,
  callScript: callScriptSettings,
});

/** The call greeting filled in for the staff member asking, in both languages. */
export const renderedCallScript = z.object({ de: z.string(), en: z.string() });
