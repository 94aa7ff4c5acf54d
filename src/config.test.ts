import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('KULANZ_TRUST_PROXY', () => {
  it('is off unless set: no forwarded header is believed', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ KULANZ_TRUST_PROXY: '' }).trustProxy).toEqual([]);
  });

  it('takes addresses, CIDR ranges and the range names loopback, linklocal, uniquelocal', () => {
    expect(
      loadConfig({ KULANZ_TRUST_PROXY: ' 10.0.0.5, 192.168.0.0/16,::1, fd00::/8 ,loopback' }).trustProxy,
    ).toEqual(['10.0.0.5', '192.168.0.0/16', '::1', 'fd00::/8', 'loopback']);
  });

  it.each([
    ['true', 'would believe every client'],
    ['*', 'would believe every client'],
    ['1', 'a hop count cannot be checked'],
    ['10.0.0.300', 'is not an IP address'],
    ['10.0.0.0/33', 'is not an IP address'],
    ['::1/129', 'is not an IP address'],
    ['10.0.0.0/8/1', 'is not an IP address'],
    ['proxy.internal', 'is not an IP address'],
  ])('refuses %s at start-up, naming the variable', (value, reason) => {
    expect(() => loadConfig({ KULANZ_TRUST_PROXY: `10.0.0.5,${value}` })).toThrow(
      new RegExp(`KULANZ_TRUST_PROXY: "${value.replace(/[*.]/g, '\\$&')}.*${reason}`),
    );
  });
});

describe('DATABASE_MIGRATION_URL', () => {
  it('is the owner role beside DATABASE_URL, and unset by default', () => {
    expect(loadConfig({}).databaseMigrationUrl).toBeUndefined();
    const config = loadConfig({
      DATABASE_URL: 'postgres://kulanz_app@db/kulanz',
      DATABASE_MIGRATION_URL: 'postgres://kulanz_owner@db/kulanz',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://kulanz_app@db/kulanz',
      databaseMigrationUrl: 'postgres://kulanz_owner@db/kulanz',
    });
  });

  it('is refused without DATABASE_URL, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_MIGRATION_URL: 'postgres://kulanz_owner@db/kulanz' })).toThrow(
      /DATABASE_MIGRATION_URL: .*set DATABASE_URL/,
    );
  });
});

describe('the log format', () => {
  it('is readable lines while developing and JSON in production', () => {
    expect(loadConfig({}).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'development' }).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'production' }).logFormat).toBe('json');
  });

  it('follows LOG_FORMAT when set, and refuses anything else', () => {
    expect(loadConfig({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });
});

describe('evidence limits', () => {
  it('take 5 MiB per file and 10 files per refund request unless set', () => {
    expect(loadConfig({})).toMatchObject({ evidenceMaxBytes: 5 * 1024 * 1024, evidenceMaxFiles: 10 });
    expect(
      loadConfig({ KULANZ_EVIDENCE_MAX_BYTES: '1048576', KULANZ_EVIDENCE_MAX_FILES: '3' }),
    ).toMatchObject({ evidenceMaxBytes: 1_048_576, evidenceMaxFiles: 3 });
  });

  it('refuse values that are no limit, naming the variable', () => {
    expect(() => loadConfig({ KULANZ_EVIDENCE_MAX_BYTES: '5MB' })).toThrow(/KULANZ_EVIDENCE_MAX_BYTES/);
    expect(() => loadConfig({ KULANZ_EVIDENCE_MAX_BYTES: String(100 * 1024 * 1024) })).toThrow(
      /KULANZ_EVIDENCE_MAX_BYTES/,
    );
    expect(() => loadConfig({ KULANZ_EVIDENCE_MAX_FILES: '0' })).toThrow(/KULANZ_EVIDENCE_MAX_FILES/);
  });
});
