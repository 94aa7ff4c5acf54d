import { describe, expect, it } from 'vitest';
import {
  contentDisposition,
  describeRefusedContent,
  detectEvidenceType,
  downloadName,
  sanitizeFileName,
} from './evidence-content';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];

describe('detectEvidenceType', () => {
  it.each([
    [bytes(PNG_HEAD, 'IHDR', [0, 0, 0, 1]), 'image/png'],
    [bytes([0xff, 0xd8, 0xff, 0xdb]), 'image/jpeg'],
    [bytes('GIF87a', [1, 0]), 'image/gif'],
    [bytes('GIF89a', [1, 0]), 'image/gif'],
    [bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8X'), 'image/webp'],
    [bytes('%PDF-1.7\n'), 'application/pdf'],
  ])('reads %o as %s', (input, type) => {
    expect(detectEvidenceType(input)).toBe(type);
  });

  it.each([
    ['empty', bytes()],
    ['a PNG signature without its header chunk', bytes(PNG_HEAD, 'IDAT')],
    ['half a JPEG marker', bytes([0xff, 0xd8])],
    ['a RIFF that is not WebP (WAV)', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['a PDF header after other bytes', bytes('<html>%PDF-1.4')],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['HTML', bytes('<!doctype html><p>hi')],
    ['a program', bytes('MZ', [0x90, 0])],
    ['ZIP', bytes([0x50, 0x4b, 0x03, 0x04])],
  ])('refuses %s', (_, input) => {
    expect(detectEvidenceType(input)).toBeNull();
  });

  it('says what a refused file looks like', () => {
    expect(describeRefusedContent(bytes('MZ'))).toMatch(/program/);
    expect(describeRefusedContent(bytes('  <?xml version="1.0"?><svg>'))).toMatch(/SVG/);
    expect(describeRefusedContent(bytes('<!DOCTYPE html>'))).toMatch(/HTML/);
    expect(describeRefusedContent(bytes([0x50, 0x4b, 0x03, 0x04]))).toMatch(/ZIP/);
  });
});

describe('file names', () => {
  it.each([
    ['foto.png', 'foto.png'],
    ['C:\\fakepath\\foto.png', 'foto.png'],
    ['../../etc/passwd', 'passwd'],
    ['rechnung\u202efdp.exe', 'rechnungfdp.exe'],
    ['a\tb\r\nc.pdf', 'a b c.pdf'],
    ['...hidden.png', 'hidden.png'],
    ['', 'evidence'],
    ['/', 'evidence'],
    [undefined, 'evidence'],
    ['e\u0301.png', 'é.png'],
  ])('stores %j as %j', (name, stored) => {
    expect(sanitizeFileName(name)).toBe(stored);
  });

  it('keeps at most 200 characters, never half an emoji', () => {
    const name = sanitizeFileName('😀'.repeat(300));
    expect([...name]).toHaveLength(200);
    expect(name).toBe('😀'.repeat(200));
  });

  it('downloads under the extension of what the bytes are', () => {
    expect(downloadName('foto.png', 'image/png')).toBe('foto.png');
    expect(downloadName('rechnung.pdf', 'image/png')).toBe('rechnung.pdf.png');
    expect(downloadName('bild.JPEG', 'image/jpeg')).toBe('bild.JPEG');
    expect(downloadName('bild', 'image/jpeg')).toBe('bild.jpg');
  });

  it('writes a Content-Disposition no name can break out of', () => {
    expect(contentDisposition('attachment', 'a"b\\c;d%.pdf')).toBe(
      `attachment; filename="a_b_c_d_.pdf"; filename*=UTF-8''a%22b%5Cc%3Bd%25.pdf`,
    );
    expect(contentDisposition('inline', '日本.png')).toBe(
      `inline; filename=".png"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.png`,
    );
    expect(contentDisposition('inline', '日本')).toBe(
      `inline; filename="evidence"; filename*=UTF-8''%E6%97%A5%E6%9C%AC`,
    );
  });
});
