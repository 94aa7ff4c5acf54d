import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaMessage, wordedIssues } from './validation-messages';

describe('wordedIssues', () => {
  const schema = z
    .object({
      email: z.email(),
      count: z.number().int().min(1),
      code: z.string().min(4, schemaMessage({ en: 'test: four or more', de: 'Test: mindestens vier' })),
    })
    .strict();
  const data = { email: 'no-at-sign', count: 'three', code: 'ab', extra: true };

  it('words zod’s own messages in German, keeping what the caller sent in view', () => {
    const issues = wordedIssues(schema, data, 'de')!;
    expect(issues.map((i) => i.path.join('.'))).toEqual(['email', 'count', 'code', '']);
    expect(issues[0]!.message).toBe('Bitte eine gültige E-Mail-Adresse eingeben');
    expect(issues[1]!.message).toBe('Hier wird eine Zahl erwartet');
    expect(issues[3]!.message).toContain('extra');
  });

  it('words the checks met at the desk as a German form would', () => {
    const form = z
      .object({
        name: z.string().min(1).max(5),
        reason: z.string().min(10),
        days: z.number().int().min(1).max(90),
        factors: z.array(z.string()).min(1),
        channel: z.enum(['phone', 'email']),
        missing: z.string(),
      })
      .strict();
    const said = (data: Record<string, unknown>) =>
      Object.fromEntries(
        wordedIssues(form, data, 'de')!.map((i) => [i.path.join('.') || '(body)', i.message]),
      );
    expect(
      said({ name: '', reason: 'kurz', days: 0, factors: [], channel: 'fax', extra: 1, more: 2 }),
    ).toEqual({
      name: 'Bitte ausfüllen',
      reason: 'Bitte mindestens 10 Zeichen eingeben',
      days: 'Mindestens 1',
      factors: 'Bitte mindestens 1 auswählen',
      channel: 'Bitte einen dieser Werte wählen: phone, email',
      missing: 'Pflichtfeld: bitte ausfüllen',
      '(body)': 'Unbekannte Felder: extra, more',
    });
    expect(
      said({
        name: 'zu lang!',
        reason: 'x'.repeat(10),
        days: 91,
        factors: ['a'],
        channel: 'phone',
        missing: 'x',
      }),
    ).toEqual({
      name: 'Höchstens 5 Zeichen',
      days: 'Höchstens 90',
    });
  });

  it('words our own schema messages with the German given beside them', () => {
    expect(wordedIssues(schema, data, 'de')![2]!.message).toBe('Test: mindestens vier');
    expect(wordedIssues(schema, data, 'en')![2]!.message).toBe('test: four or more');
  });

  it('words in English exactly as the global zod config does, which it leaves alone', () => {
    const english = schema.safeParse(data).error!.issues.map((i) => i.message);
    expect(wordedIssues(schema, data, 'en')!.map((i) => i.message)).toEqual(english);
    wordedIssues(schema, data, 'de');
    expect(schema.safeParse(data).error!.issues.map((i) => i.message)).toEqual(english);
  });

  it('has nothing to say about valid data or a schema that is not zod', () => {
    expect(wordedIssues(schema, { email: 'a@b.de', count: 2, code: 'abcd' }, 'de')).toBeUndefined();
    expect(wordedIssues({ type: 'object' }, data, 'de')).toBeUndefined();
  });

  it('refuses one English message worded two ways in German', () => {
    schemaMessage({ en: 'test: twice', de: 'einmal' });
    expect(() => schemaMessage({ en: 'test: twice', de: 'anders' })).toThrow(/worded twice/);
  });
});
