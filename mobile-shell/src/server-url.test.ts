import { describe, expect, it } from 'vitest';
import { serverSettings, ServerUrlError } from './server-url';

describe('serverSettings', () => {
  it.each<[string, string | undefined]>([
    ['unset', undefined],
    ['empty', ''],
    ['blank', '  '],
  ])('loads the bundled assets when VITALS_SERVER_URL is %s', (_, value) => {
    expect(serverSettings(value)).toEqual({ androidScheme: 'https', iosScheme: 'capacitor' });
  });

  it('loads the hosted app from the server, keeping navigation within it', () => {
    expect(serverSettings('https://vitals.example.com/')).toEqual({
      androidScheme: 'https',
      iosScheme: 'capacitor',
      url: 'https://vitals.example.com',
      cleartext: false,
      allowNavigation: ['vitals.example.com'],
    });
  });

  it.each([
    ['http://localhost:8787', 'http://localhost:8787'],
    ['http://10.0.2.2:8787', 'http://10.0.2.2:8787'],
  ])('allows plain http for a development server on %s', (value, url) => {
    expect(serverSettings(value)).toMatchObject({ url, cleartext: true });
  });

  it.each([
    ['vitals.example.com', /https:\/\/ address/],
    ['ftp://vitals.example.com', /https:\/\/ address/],
    ['http://vitals.example.com', /must use https/],
    ['https://vitals.example.com/app', /without a path/],
    ['https://vitals.example.com/?x=1', /without a path/],
  ])('refuses %s', (value, message) => {
    expect(() => serverSettings(value)).toThrow(ServerUrlError);
    expect(() => serverSettings(value)).toThrow(message);
  });
});
