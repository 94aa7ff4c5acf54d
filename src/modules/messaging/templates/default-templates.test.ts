import { describe, expect, it } from 'vitest';
import type { DeskTexts } from '../message-context';
import { DEFAULT_TEMPLATES } from './default-templates';
import { renderTemplate, validateTemplate } from './render-template';
import { sampleCommonVariables, sampleVariables } from './sample-variables';
import { LANGUAGES, MESSAGE_KIND_NAMES } from './template-kinds';

// Deliberately unlike any built-in wording, so a template that hard-codes its texts fails here.
const desk: DeskTexts = {
  companyName: 'Rad & Tat GmbH',
  supportEmail: 'hilfe@rad-und-tat.example',
  supportPhone: '+49 40 9876',
  signatureDe: 'Mit sportlichen Grüßen\nIhr Rad-Team',
  signatureEn: 'Ride on\nYour bike team',
  greeting: { de: 'Moin', en: 'Howdy' },
};

const cases = MESSAGE_KIND_NAMES.flatMap((kind) => LANGUAGES.map((language) => ({ kind, language })));

describe('built-in templates', () => {
  it('cover every message kind in German and English', () => {
    expect(cases).toHaveLength(18);
    for (const { kind, language } of cases)
      expect(DEFAULT_TEMPLATES[kind][language]).toEqual({
        subject: expect.stringMatching(/\S/),
        text: expect.stringMatching(/\S/),
        html: expect.stringMatching(/\S/),
      });
  });

  it.each(cases)(
    '$kind in $language passes the same validation as an admin’s template',
    ({ kind, language }) => {
      expect(validateTemplate(kind, DEFAULT_TEMPLATES[kind][language])).toEqual([]);
    },
  );

  it.each(cases)(
    '$kind in $language opens with the greeting setting and closes with the company texts',
    ({ kind, language }) => {
      const context = { ...sampleCommonVariables(desk, language), ...sampleVariables(kind, language) };
      const out = renderTemplate(DEFAULT_TEMPLATES[kind][language], context);
      const greeting = `${desk.greeting[language]} Erika Mustermann,`;
      const signature = language === 'de' ? desk.signatureDe : desk.signatureEn;

      expect(out.subject.trim()).not.toBe('');
      expect(out.text.startsWith(`${greeting}\n\n`)).toBe(true);
      expect(out.text).toContain(signature);
      expect(out.text).toContain('Rad & Tat GmbH');
      expect(out.html).toContain(`<p>${greeting}</p>`);
      expect(out.html).toContain(signature);
      expect(out.html).toContain('Rad &amp; Tat GmbH');
      for (const part of [out.subject, out.text, out.html]) {
        expect(part).not.toContain('{{');
        expect(part).not.toContain('}}');
      }
    },
  );

  it('escapes the greeting in the HTML part and keeps it as typed in the text part', () => {
    const context = {
      ...sampleCommonVariables({ ...desk, greeting: { de: 'Moin', en: 'Hi <there>' } }, 'en'),
      ...sampleVariables('case_closed', 'en'),
    };
    const out = renderTemplate(DEFAULT_TEMPLATES.case_closed.en, context);
    expect(out.text).toContain('Hi <there> Erika Mustermann,');
    expect(out.html).toContain('Hi &lt;there&gt; Erika Mustermann,');
    expect(out.html).not.toContain('<there>');
  });
});
