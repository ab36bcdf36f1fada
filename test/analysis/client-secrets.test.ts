import { describe, expect, it } from 'vitest';
import { clientSecretFindings } from '../../src/analysis/client-secrets';
import { isClientSecretEnvName, isClientSecretName, isPlaceholderSecret } from '../../src/knowledge/client-secrets';
import { collect } from '../helpers/analyze';

/** `kind@line:column` of every finding in the snippet, read as the file at `path`. */
function findings(code: string, path = 'src/oauth.ts'): string[] {
  return collect(code, 'Program', (sourceCode) =>
    clientSecretFindings(sourceCode, path).map(
      (finding) =>
        `${finding.kind}@${finding.node.loc.start.line}:${finding.node.loc.start.column}${finding.data ? ` ${Object.values(finding.data).join(' ')}` : ''}`,
    ),
  ).flat();
}

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
        // The shortest spellings, in either case.
        'clientsecret',
        'CLIENTSECRET',
      ].every(isClientSecretName),
    ).toBe(true);
    expect(
      ['secret', 'clientSecretExpiresAt', 'sessionSecret', 'webhookSecret', 'clientId', 'lientsecret', undefined].some(isClientSecretName),
    ).toBe(false);
  });

  it('knows client-secret env names, with or without the word client', () => {
    expect(['VITE_CLIENT_SECRET', 'GITHUB_SECRET', 'OKTA_OAUTH_SECRET', 'AUTH0_APP_SECRET'].every(isClientSecretEnvName)).toBe(true);
    expect(['SESSION_SECRET', 'JWT_SECRET', 'GITHUB_CLIENT_ID', 'WEBHOOK_SECRET'].some(isClientSecretEnvName)).toBe(false);
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
      'Your',
      'abc123',
      'your spotify secret',
      'Enter client secret',
    ]) {
      expect(isPlaceholderSecret(value), value).toBe(true);
    }
    for (const value of [
      '8f14e45f-ceea-467f-a0e6-b9ed1c1d7a3e',
      'GOCSPX-1a2b3c4d5e6f7g8h9i0jklmnop',
      's3cr3t-value-123',
      'e3b0c44298fc1c149afbf4c8996fb924',
      'x4ylhlwb6ej3fki',
      'yourtown-4f9a2c81d7e3',
    ]) {
      expect(isPlaceholderSecret(value), value).toBe(false);
    }
  });
});

describe('client secrets (analysis)', () => {
  it('finds literal secrets in client-secret slots, formats and query strings', () => {
    const code = [
      `const config = { clientSecret: 'b1946ac92492d2347c6235b4d2611184' };`,
      `const google = 'GOCSPX-1a2b3c4d5e6f7g8h9i0jklmnop';`,
      'const body = `grant_type=client_credentials&client_secret=s3cr3t-value-123`;',
      `new OAuth2Client(id, 'a87ff679a2f3e71d9181a67b7542122c');`,
      `import { OAuth2Client } from 'google-auth-library';`,
    ].join('\n');
    expect(findings(code)).toEqual(['literalSecret@1:31', 'literalSecret@2:15', 'literalSecret@3:13', 'literalSecret@4:21']);
  });

  it('finds secrets read from public env variables and public config', () => {
    const code = [
      `const a = process.env.NEXT_PUBLIC_CLIENT_SECRET;`,
      `const { VITE_JWT_SECRET } = import.meta.env;`,
      `export default { runtimeConfig: { public: { clientSecret: process.env.SECRET } } };`,
    ].join('\n');
    expect(findings(code)).toEqual([
      'publicEnvSecret@1:10 NEXT_PUBLIC_CLIENT_SECRET NEXT_PUBLIC_',
      'publicEnvAuthSecret@2:8 VITE_JWT_SECRET VITE_',
      'publicConfigSecret@3:58 runtimeConfig.public',
    ]);
  });

  it('finds a client secret sent from or read in browser code', () => {
    const code = [
      `'use client';`,
      `export function exchange(clientSecret: string) {`,
      `  const params = new URLSearchParams();`,
      `  params.append('client_secret', clientSecret);`,
      `  const secret = process.env.OAUTH_CLIENT_SECRET;`,
      `}`,
    ].join('\n');
    expect(findings(code, 'src/login.tsx')).toEqual(['browserSecretSent@4:2', 'browserSecret@5:17']);
  });

  it('finds HTTP Basic client authentication with a literal secret in OAuth code', () => {
    const code = [
      `const grant_type = 'client_credentials';`,
      `fetch(url, { headers: { Authorization: 'Basic ' + btoa('my-app:s3cr3t-value-123') } });`,
    ].join('\n');
    expect(findings(code)).toEqual(['literalSecret@2:55']);
  });

  it('stays silent on placeholders, server env reads, session secrets and files without secrets', () => {
    const code = [
      `const config = { clientSecret: process.env.CLIENT_SECRET, secret: 'keyboard-cat-session' };`,
      `const other = { clientSecret: 'YOUR_CLIENT_SECRET', client: { id: 'x', secret: '' } };`,
      `app.use(session({ secret: 's3cr3t-value-123' }));`,
      `const body = 'client_secret=' + process.env.CLIENT_SECRET;`,
    ].join('\n');
    expect(findings(code)).toEqual([]);
    expect(findings(`const clientId = 'abc';`)).toEqual([]);
  });
});
