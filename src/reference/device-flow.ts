import * as oauth from 'oauth4webapi';

import { oauthRequestOptions } from './http.js';
import { requireEndpoint } from './oidc-client.js';
import { formatScopeParameter } from './scopes.js';
import { toTokenSet } from './tokens.js';

import type { OidcClient } from './oidc-client.js';
import type { TokenSet } from './tokens.js';

export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete: string | undefined;
  /** Epoch milliseconds after which the device code is dead. */
  readonly expiresAt: number;
  /** Seconds between polls; RFC 8628 §3.2 says 5 when the server names none. */
  readonly interval: number;
}

/**
 * Starts the Device Authorization Grant (RFC 8628) for a CLI or other input-constrained
 * device. The CLI is a public client: it ships to users, so it holds no secret.
 */
export async function startDeviceAuthorization(oidc: OidcClient, options: { scopes: readonly string[] }): Promise<DeviceAuthorization> {
  const startedAt = Date.now();
  const response = await oauth.deviceAuthorizationRequest(
    oidc.as,
    oidc.client,
    oidc.clientAuth,
    { scope: formatScopeParameter(options.scopes) },
    oauthRequestOptions(requireEndpoint(oidc.as, 'device_authorization_endpoint'), oidc.http),
  );
  const result = await oauth.processDeviceAuthorizationResponse(oidc.as, oidc.client, response);
  return {
    deviceCode: result.device_code,
    userCode: result.user_code,
    verificationUri: result.verification_uri,
    verificationUriComplete: result.verification_uri_complete,
    expiresAt: startedAt + result.expires_in * 1000,
    interval: result.interval ?? 5,
  };
}

/**
 * What the CLI prints. The user types the code on another device; showing the code lets
 * them check that the confirmation page is about this device (phishing defence).
 */
export function formatDeviceInstructions(authorization: DeviceAuthorization): string {
  return [`To sign in, open ${authorization.verificationUri} in a browser`, `and enter the code ${authorization.userCode}.`].join('\n');
}

/** The user refused the request on the verification page (`access_denied`). */
export class DeviceAuthorizationDeniedError extends Error {
  override readonly name = 'DeviceAuthorizationDeniedError';
}

/** The device code expired before the user finished (`expired_token`, or our deadline). */
export class DeviceCodeExpiredError extends Error {
  override readonly name = 'DeviceCodeExpiredError';
}

export interface PollDeviceOptions {
  /** Waits `ms` milliseconds; injectable so tests and UIs control the clock. */
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

/** RFC 8628 §3.5: on `slow_down`, the interval grows by 5 seconds for all later polls. */
const SLOW_DOWN_INCREMENT_SECONDS = 5;

/**
 * Polls the token endpoint until the user approves, refuses, or the code expires. Waits
 * `interval` seconds before every poll and adds 5 seconds on each `slow_down`, so a CLI in
 * a loop never hammers the IdP.
 */
export async function pollDeviceAuthorization(
  oidc: OidcClient,
  authorization: DeviceAuthorization,
  options: PollDeviceOptions = {},
): Promise<TokenSet> {
  const sleep = options.sleep ?? defaultSleep;
  let interval = authorization.interval;
  for (;;) {
    await sleep(interval * 1000);
    options.signal?.throwIfAborted();
    const startedAt = Date.now();
    const response = await oauth.deviceCodeGrantRequest(
      oidc.as,
      oidc.client,
      oidc.clientAuth,
      authorization.deviceCode,
      oauthRequestOptions(requireEndpoint(oidc.as, 'token_endpoint'), {
        ...oidc.http,
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
    try {
      const result = await oauth.processDeviceCodeResponse(oidc.as, oidc.client, response);
      return toTokenSet(result, startedAt);
    } catch (error) {
      if (!(error instanceof oauth.ResponseBodyError)) throw error;
      switch (error.error) {
        case 'authorization_pending':
          break;
        case 'slow_down':
          interval += SLOW_DOWN_INCREMENT_SECONDS;
          break;
        case 'access_denied':
          throw new DeviceAuthorizationDeniedError('the sign-in request was denied', { cause: error });
        case 'expired_token':
          throw new DeviceCodeExpiredError('the device code expired; start again', { cause: error });
        default:
          throw error;
      }
    }
    // Guard for a server that keeps answering "pending" after the code's lifetime.
    if (Date.now() >= authorization.expiresAt) {
      throw new DeviceCodeExpiredError('the device code expired; start again');
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
