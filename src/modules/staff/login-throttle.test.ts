import { describe, expect, it } from 'vitest';
import { loginSourceOf } from './login-throttle';

describe('loginSourceOf', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    [null, ''],
  ])('counts %s as %s', (ip, source) => {
    expect(loginSourceOf(ip)).toBe(source);
  });

  it('keeps two IPv6 addresses of one /64 together and two /64s apart', () => {
    expect(loginSourceOf('2001:db8:1:2::a')).toBe(loginSourceOf('2001:db8:1:2:ffff::b'));
    expect(loginSourceOf('2001:db8:1:2::a')).not.toBe(loginSourceOf('2001:db8:1:3::a'));
  });
});
