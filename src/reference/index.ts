/**
 * Reference implementations for eslint-plugin-oauth: the patterns every rule's docs point
 * to. Walkthrough: docs/reference.md. Runtime dependencies (jose, oauth4webapi) are
 * optional peer dependencies of the plugin; install them to use this entry point.
 */
export * from './authorization-code.js';
export * from './bearer.js';
export * from './client-credentials.js';
export * from './device-flow.js';
export { isLoopbackUrl } from './http.js';
export type { HttpOptions } from './http.js';
export * from './id-token.js';
export * from './jwks.js';
export * from './logout.js';
export { createOidcClient } from './oidc-client.js';
export type { OidcClient, OidcClientOptions } from './oidc-client.js';
export * from './pkce.js';
export * from './redirects.js';
export * from './refresh.js';
export * from './scopes.js';
export * from './session-cookie.js';
export * from './spa.js';
export * from './tokens.js';
