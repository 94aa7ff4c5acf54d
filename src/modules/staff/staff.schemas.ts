import { z } from 'zod';
import { shortText } from '../../platform/http/schemas';
import { schemaMessage } from '../../platform/http/validation-messages';

export const roleSchema = z.enum(['agent', 'lead', 'admin']);
export const localeSchema = z.enum(['de', 'en']);
export const passwordSchema = z
  .string()
  .min(10, schemaMessage({ en: 'at least 10 characters', de: 'Mindestens 10 Zeichen' }))
  .max(200);

export const loginBody = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(200),
});

export const sessionUser = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  locale: localeSchema,
});

export const sessionResponse = z.object({ user: sessionUser, csrfToken: z.string() });

export const staffUserResponse = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  locale: localeSchema,
  isActive: z.boolean(),
  createdAt: z.date(),
  deactivatedAt: z.date().nullable(),
  /** Some address is refused for this e-mail after failed logins (an admin can unlock it). */
  loginBlocked: z.boolean(),
});

export const createStaffUserBody = z.object({
  email: z.string().trim().email().max(254),
  displayName: shortText(120),
  role: roleSchema,
  password: passwordSchema,
  locale: localeSchema.default('de'),
});

export const updateStaffUserBody = z
  .object({
    displayName: shortText(120).optional(),
    role: roleSchema.optional(),
    locale: localeSchema.optional(),
    isActive: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .strict();

export const updateMeBody = z.object({ locale: localeSchema }).strict();

export function toStaffUserResponse(row: {
  id: string;
  email: string;
  display_name: string;
  role: 'agent' | 'lead' | 'admin';
  locale: 'de' | 'en';
  is_active: boolean;
  created_at: Date;
  deactivated_at: Date | null;
  login_blocked: boolean;
}): z.infer<typeof staffUserResponse> {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    locale: row.locale,
    isActive: row.is_active,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
    loginBlocked: row.login_blocked,
  };
}
