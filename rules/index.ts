// Alphabetical. A rule is listed here once it is implemented end to end (tests, docs, fixtures).
import type { TSESLint } from '@typescript-eslint/utils';
import type { OAuthRuleDocs } from '../src/create-rule';
import noAccessTokenDecode from './no-access-token-decode';
import noBroadScopes from './no-broad-scopes';
import noExposedClientSecret from './no-exposed-client-secret';
import noImplicitGrant from './no-implicit-grant';
import noPasswordGrant from './no-password-grant';
import noTokenInUrl from './no-token-in-url';
import noTokenInWebStorage from './no-token-in-web-storage';
import requireAudienceCheck from './require-audience-check';
import requireExactRedirectUri from './require-exact-redirect-uri';
import requireIssuerCheck from './require-issuer-check';
import requireJwksCaching from './require-jwks-caching';
import requireJwtAlgorithms from './require-jwt-algorithms';
import requireJwtVerification from './require-jwt-verification';
import requireNonceCheck from './require-nonce-check';
import requirePkce from './require-pkce';
import requireSecureCookies from './require-secure-cookies';
import requireSecureRandom from './require-secure-random';
import requireStateCheck from './require-state-check';
import serializeTokenRefresh from './serialize-token-refresh';

export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[], OAuthRuleDocs>> = {
  'no-access-token-decode': noAccessTokenDecode,
  'no-broad-scopes': noBroadScopes,
  'no-exposed-client-secret': noExposedClientSecret,
  'no-implicit-grant': noImplicitGrant,
  'no-password-grant': noPasswordGrant,
  'no-token-in-url': noTokenInUrl,
  'no-token-in-web-storage': noTokenInWebStorage,
  'require-audience-check': requireAudienceCheck,
  'require-exact-redirect-uri': requireExactRedirectUri,
  'require-issuer-check': requireIssuerCheck,
  'require-jwks-caching': requireJwksCaching,
  'require-jwt-algorithms': requireJwtAlgorithms,
  'require-jwt-verification': requireJwtVerification,
  'require-nonce-check': requireNonceCheck,
  'require-pkce': requirePkce,
  'require-secure-cookies': requireSecureCookies,
  'require-secure-random': requireSecureRandom,
  'require-state-check': requireStateCheck,
  'serialize-token-refresh': serializeTokenRefresh,
};
