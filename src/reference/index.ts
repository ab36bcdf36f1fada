/**
 * Reference implementations for eslint-plugin-oauth: the patterns every rule's docs point
 * to. Walkthrough: docs/reference.md. They run on jose ^6.1 and oauth4webapi ^3.8, which
 * the project installs itself: importing this entry point checks for them first and says
 * what to install (./requirements).
 */
// First, before any module that imports jose or oauth4webapi.
import './requirements.js';
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
