import { describe, expect, it } from 'vitest';
import { isClientSecretName, isPlaceholderSecret } from '../../src/knowledge/client-secrets';

describe('client secrets (knowledge)', () => {
  it('knows client-secret names', () => {
    expect(
      [
        'client_secret',
        'clientSecret',
        'CLIENT_SECRET',
        'GITHUB_CLIENT_SECRET',
        'googleClientSecret',
        'process.env.OAUTH_CLIENT_SECRET',
      ].every(isClientSecretName),
    ).toBe(true);
    expect(['secret', 'clientSecretExpiresAt', 'sessionSecret', 'webhookSecret', 'clientId', undefined].some(isClientSecretName)).toBe(
      false,
    );
  });

  it('tells placeholders from secrets', () => {
    for (const value of [
      '',
      '  ',
      'YOUR_CLIENT_SECRET',
      '<client-secret>',
      'xxxxxxxx',
      '***',
      '${CLIENT_SECRET}',
      '{{ client_secret }}',
      'changeme',
      'your-client-secret',
      'REPLACE_ME',
      'secret',
      'GITHUB_CLIENT_SECRET',
      '...',
      'arn:aws:secretsmanager:eu-west-1:123:secret:oauth',
      'projects/acme/secrets/github-oauth/versions/latest',
      'op://vault/github/client-secret',
    ]) {
      expect(isPlaceholderSecret(value), value).toBe(true);
    }
    for (const value of [
      '8f14e45f-ceea-467f-a0e6-b9ed1c1d7a3e',
      'GOCSPX-1a2b3c4d5e6f7g8h9i0jklmnop',
      's3cr3t-value-123',
      'e3b0c44298fc1c149afbf4c8996fb924',
    ]) {
      expect(isPlaceholderSecret(value), value).toBe(false);
    }
  });
});
