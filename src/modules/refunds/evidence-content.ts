import { DomainError } from '../../platform/errors';
import { RefundErrors } from './refunds.errors';
import type { EvidenceContentType } from './refunds.table';

// What an evidence file is, decided by its bytes alone: the name and the Content-Type a client
// sends are its word, and a hostile file lies in both. Only images a browser shows without
// running anything (PNG, JPEG, WebP, GIF) and PDF are taken; SVG (XML that can carry script),
// HTML, archives and programs are not.

export const EVIDENCE_TYPES: readonly EvidenceContentType[] = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
];

/** The default limits, when the configuration does not say (KULANZ_EVIDENCE_MAX_BYTES, _MAX_FILES). */
export const DEFAULT_EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_EVIDENCE_MAX_FILES = 10;

const EXTENSION: Record<EvidenceContentType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
};

const startsWith = (bytes: Uint8Array, at: number, expected: readonly number[] | string) => {
  const want = typeof expected === 'string' ? [...expected].map((c) => c.charCodeAt(0)) : expected;
  if (bytes.length < at + want.length) return false;
  return want.every((b, i) => bytes[at + i] === b);
};

/** The type the bytes say they are (their magic number), or null when they are none we take. */
export function detectEvidenceType(bytes: Uint8Array): EvidenceContentType | null {
  // PNG: the 8-byte signature, then the IHDR chunk every PNG starts with
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && startsWith(bytes, 12, 'IHDR'))
    return 'image/png';
  // JPEG: start of image, then a marker
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, 0, 'GIF87a') || startsWith(bytes, 0, 'GIF89a')) return 'image/gif';
  // WebP: a RIFF container of form WEBP with a VP8 / VP8L / VP8X chunk
  if (startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP') && startsWith(bytes, 12, 'VP8'))
    return 'image/webp';
  // PDF: the header at the very start (readers that search further would also open a polyglot)
  if (startsWith(bytes, 0, '%PDF-')) return 'application/pdf';
  return null;
}

/** What the bytes look like when they are none we take, for the refusal's words (never trusted). */
export function describeRefusedContent(bytes: Uint8Array): string {
  if (startsWith(bytes, 0, 'MZ')) return 'a Windows program';
  if (startsWith(bytes, 0, [0x7f, 0x45, 0x4c, 0x46])) return 'a program (ELF)';
  if (startsWith(bytes, 0, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive (or an Office file)';
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 512))
    .trimStart()
    .toLowerCase();
  if (head.includes('<svg')) return 'an SVG image (it can carry script)';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<script'))
    return 'an HTML page';
  return 'a file of another type';
}

const MAX_NAME = 200;

/**
 * The name a file came with, made safe to store and show: no folders (C:\\fakepath\\x.png → x.png),
 * no control or formatting characters (a right-to-left override turns "gpj.exe" around), spaces
 * collapsed, at most 200 characters; "evidence" when nothing is left.
 */
export function sanitizeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .replace(/^\.+/, '');
  const chars = [...clean];
  const short = chars.length > MAX_NAME ? chars.slice(0, MAX_NAME).join('') : clean;
  return short || 'evidence';
}

/** The name a download is saved under: the stored name, ending in the extension of what the bytes are. */
export function downloadName(fileName: string, type: EvidenceContentType): string {
  const extension = EXTENSION[type];
  const known = type === 'image/jpeg' ? /\.(jpe?g)$/i : new RegExp(`\\.${extension}$`, 'i');
  return known.test(fileName) ? fileName : `${fileName}.${extension}`;
}

/**
 * A Content-Disposition header for `name`: an ASCII fallback without quotes, backslashes or
 * anything a header could be split on, and the exact name as RFC 5987 UTF-8.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\%;]/g, '_')
    .trim();
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii || 'evidence'}"; filename*=UTF-8''${encoded}`;
}

/** The refusal of a file over the size limit, in the use case and when the body parser stops it. */
export function evidenceTooLarge(maxBytes: number): DomainError {
  return new DomainError(
    RefundErrors.REFUND_EVIDENCE_TOO_LARGE,
    `An evidence file may be at most ${maxBytes} bytes (${megabytes(maxBytes)} MB)`,
    { field: 'body', maxBytes, maxMegabytes: megabytes(maxBytes) },
  );
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
