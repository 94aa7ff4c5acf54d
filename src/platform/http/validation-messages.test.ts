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
    expect(issues[0]!.message).toBe('Ungültig: E-Mail-Adresse');
    // the second run sees the input, so the German can still say what arrived (a string)
    expect(issues[1]!.message).toBe('Ungültige Eingabe: erwartet Zahl, erhalten string');
    expect(issues[3]!.message).toContain('extra');
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
