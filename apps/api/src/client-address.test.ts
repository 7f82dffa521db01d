import { describe, expect, it } from 'vitest';
import { addressList, clientAddress, isAddressOrNetwork } from './client-address.ts';

describe('isAddressOrNetwork', () => {
  it('takes addresses and CIDR networks of both families', () => {
    for (const entry of ['127.0.0.1', '::1', '10.0.0.0/8', 'fd00::/8', '0.0.0.0/0', '2001:db8::/128'])
      expect(isAddressOrNetwork(entry), entry).toBe(true);
  });

  it('refuses names, bad prefixes and extra parts', () => {
    for (const entry of ['localhost', '10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/8/8', '10.0.0.0/x', ''])
      expect(isAddressOrNetwork(entry), entry).toBe(false);
  });
});

describe('clientAddress', () => {
  const proxies = addressList(['10.0.0.0/8', '::1']);

  it('is the peer when no proxy is trusted, whatever the header says', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', null)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined, null)).toBe('203.0.113.9');
    expect(clientAddress(undefined, '198.51.100.1', proxies)).toBe('unknown');
  });

  it('ignores the header from a peer that is not a trusted proxy', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', proxies)).toBe('203.0.113.9');
  });

  it('reads past trusted proxies, right to left, to the first address that is not one', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.1', proxies)).toBe('198.51.100.1');
    expect(clientAddress('::ffff:10.0.0.2', '198.51.100.1, 10.1.2.3', proxies)).toBe('198.51.100.1');
    expect(clientAddress('::1', '2001:db8::7, 10.1.2.3', proxies)).toBe('2001:db8::7');
  });

  it('does not believe what a client wrote before the first untrusted hop', () => {
    // The client sent "X-Forwarded-For: 192.0.2.66" to look like someone else; the proxy appended it.
    expect(clientAddress('10.0.0.2', '192.0.2.66, 198.51.100.1', proxies)).toBe('198.51.100.1');
  });

  it('reads hops written with a port', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.1:4711', proxies)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.2', '[2001:db8::7]:443, [::1]', proxies)).toBe('2001:db8::7');
  });

  it('stops at the hop that added an entry that is not an address', () => {
    expect(clientAddress('10.0.0.2', 'unknown, 10.1.2.3', proxies)).toBe('10.1.2.3');
    expect(clientAddress('10.0.0.2', '', proxies)).toBe('10.0.0.2');
  });

  it('lists an IPv4 proxy written as IPv6 as the IPv4 address it is', () => {
    const mapped = addressList(['::ffff:10.0.0.1']);
    expect(clientAddress('10.0.0.1', '198.51.100.1', mapped)).toBe('198.51.100.1');
    expect(clientAddress('::ffff:10.0.0.1', '198.51.100.1', mapped)).toBe('198.51.100.1');
  });

  it('is the leftmost hop when every hop is a trusted proxy', () => {
    expect(clientAddress('10.0.0.2', '10.9.9.9, 10.1.2.3', proxies)).toBe('10.9.9.9');
  });
});
