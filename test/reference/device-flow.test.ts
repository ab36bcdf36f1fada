import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  APP_SCOPES,
  DeviceAuthorizationDeniedError,
  DeviceCodeExpiredError,
  formatDeviceInstructions,
  pollDeviceAuthorization,
  startDeviceAuthorization,
} from '../../src/reference/index.js';
import { TestBrowser, formField } from './browser.js';
import { clientFor, useControlledClock } from './helpers.js';
import { CLI, startTestIdp } from './idp.js';

import type { DeviceAuthorization, OidcClient } from '../../src/reference/index.js';
import type { TestIdp } from './idp.js';

const DEVICE_CODE_TTL_SECONDS = 30;

let idp: TestIdp;
let cli: OidcClient;
let clock: ReturnType<typeof useControlledClock>;

beforeAll(async () => {
  idp = await startTestIdp({ deviceCodeTtlSeconds: DEVICE_CODE_TTL_SECONDS, enforceDevicePollingInterval: true });
  cli = await clientFor(idp, CLI.clientId);
});
afterAll(() => idp.close());
afterEach(() => clock.restore());

/** The user, on their phone: opens the verification URI, confirms (or aborts) the code. */
async function userActsOnCode(authorization: DeviceAuthorization, decision: 'approve' | 'abort'): Promise<string> {
  const browser = new TestBrowser();
  const entry = await browser.followToPage(authorization.verificationUri);
  const confirmPage = await browser.followToPage(
    entry.url,
    await browser.request(entry.url, {
      method: 'POST',
      form: { xsrf: formField(entry.html, 'xsrf'), user_code: authorization.userCode },
    }),
  );
  const form: Record<string, string> = {
    xsrf: formField(confirmPage.html, 'xsrf'),
    user_code: formField(confirmPage.html, 'user_code'),
  };
  if (decision === 'approve') form['confirm'] = 'yes';
  else form['abort'] = 'yes';
  const done = await browser.followToPage(confirmPage.url, await browser.request(confirmPage.url, { method: 'POST', form }));
  return done.html;
}

/**
 * A `sleep` for pollDeviceAuthorization that records each requested delay and moves the
 * controlled clock by that much instead of waiting; `onSleep` runs the user's side.
 */
function recordingSleep(onSleep: (call: number) => Promise<void> | void = () => {}) {
  const delays: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    delays.push(ms);
    await onSleep(delays.length);
    clock.advance(ms);
  };
  return { delays, sleep };
}

describe('Device Authorization Grant (RFC 8628)', () => {
  it('starts, displays the code, and polls at the interval until the user approves', async () => {
    clock = useControlledClock();
    const authorization = await startDeviceAuthorization(cli, { scopes: APP_SCOPES.cliLogin });
    expect(authorization.interval).toBe(5);
    const instructions = formatDeviceInstructions(authorization);
    expect(instructions).toContain(authorization.userCode);
    expect(instructions).toContain(authorization.verificationUri);

    let page = '';
    const { delays, sleep } = recordingSleep(async (call) => {
      if (call === 3) page = await userActsOnCode(authorization, 'approve');
    });
    const tokens = await pollDeviceAuthorization(cli, authorization, { sleep });

    expect(page).toMatch(/Sign-in Success/i);
    expect(tokens.accessToken).toEqual(expect.any(String));
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(delays).toEqual([5000, 5000, 5000]);
  });

  it('backs off by 5 seconds for good after a slow_down', async () => {
    clock = useControlledClock();
    const authorization = await startDeviceAuthorization(cli, { scopes: APP_SCOPES.cliLogin });
    const delays: number[] = [];
    const sleep = async (ms: number): Promise<void> => {
      delays.push(ms);
      if (delays.length === 4) await userActsOnCode(authorization, 'approve');
      // The second wait is cut short (a laptop waking from sleep, a skewed timer): the
      // poll arrives too early and the IdP's rate limit answers slow_down.
      clock.advance(delays.length === 2 ? 1000 : ms);
    };
    const tokens = await pollDeviceAuthorization(cli, authorization, { sleep });
    expect(tokens.accessToken).toEqual(expect.any(String));
    expect(delays).toEqual([5000, 5000, 10_000, 10_000]);
  });

  it('stops with DeviceAuthorizationDeniedError when the user aborts', async () => {
    clock = useControlledClock();
    const authorization = await startDeviceAuthorization(cli, { scopes: APP_SCOPES.cliLogin });
    const { sleep } = recordingSleep(async (call) => {
      if (call === 2) await userActsOnCode(authorization, 'abort');
    });
    await expect(pollDeviceAuthorization(cli, authorization, { sleep })).rejects.toBeInstanceOf(DeviceAuthorizationDeniedError);
  });

  it('stops with DeviceCodeExpiredError when nobody approves in time', async () => {
    clock = useControlledClock();
    const authorization = await startDeviceAuthorization(cli, { scopes: APP_SCOPES.cliLogin });
    const before = idp.count('/token');
    const { delays, sleep } = recordingSleep();
    const error = await pollDeviceAuthorization(cli, authorization, { sleep }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeviceCodeExpiredError);
    // The IdP said so (expired_token), after polls spaced by the interval, not a tight loop.
    expect((error as Error).cause).toMatchObject({ error: 'expired_token' });
    expect(delays.every((ms) => ms === 5000)).toBe(true);
    expect(idp.count('/token') - before).toBe(delays.length);
    expect(delays.length).toBe(DEVICE_CODE_TTL_SECONDS / 5);
  });
});
