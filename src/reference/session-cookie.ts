import { CompactEncrypt, base64url, compactDecrypt, errors } from 'jose';

/**
 * The session cookie's name. The `__Host-` prefix makes browsers refuse it unless it is
 * `Secure`, has `Path=/` and no `Domain`, so a sibling subdomain cannot overwrite it.
 */
export const SESSION_COOKIE_NAME = '__Host-session';

/**
 * The session cookie's flags, in one place (express `res.cookie(name, id, {
 * ...SESSION_COOKIE_OPTIONS, maxAge })`, or `serializeSessionCookie` below):
 * - `httpOnly`: page scripts (and so XSS) cannot read it;
 * - `secure`: never sent over plain HTTP;
 * - `sameSite: 'lax'`: not sent on cross-site subrequests/POSTs (CSRF), but still sent on
 *   the top-level GET that brings the user back from the IdP, which the callback needs.
 * The cookie carries only a random session id; tokens stay in the server-side store.
 */
export const SESSION_COOKIE_OPTIONS = {
  httpOnly: true,
  secure: true,
  sameSite: 'lax',
  path: '/',
} as const;

/** A `Set-Cookie` header value for the session id, with SESSION_COOKIE_OPTIONS' flags. */
export function serializeSessionCookie(sessionId: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE_NAME}=${sessionId}; Path=${SESSION_COOKIE_OPTIONS.path}; Max-Age=${Math.floor(maxAgeSeconds)}; HttpOnly; Secure; SameSite=Lax`;
}

/** A `Set-Cookie` header value that deletes the session cookie (logout). */
export function clearSessionCookie(): string {
  return `${SESSION_COOKIE_NAME}=; Path=${SESSION_COOKIE_OPTIONS.path}; Max-Age=0; HttpOnly; Secure; SameSite=Lax`;
}

/** Reads the session id from a `Cookie` request header. */
export function readSessionCookie(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE_NAME) return value.join('=');
  }
  return undefined;
}

/** Where encrypted session records are kept (Redis, a database table, a Map in tests). */
export interface SessionBackend {
  get(id: string): Promise<string | undefined> | string | undefined;
  set(id: string, record: string, ttlSeconds: number): Promise<void> | void;
  delete(id: string): Promise<void> | void;
}

export interface EncryptedSessionStore<T> {
  create(data: T): Promise<string>;
  get(sessionId: string | undefined): Promise<T | undefined>;
  set(sessionId: string, data: T): Promise<void>;
  destroy(sessionId: string): Promise<void>;
}

/** In-memory backend for tests and single-process demos. */
export function createMemorySessionBackend(): SessionBackend {
  const records = new Map<string, string>();
  return {
    get: (id) => records.get(id),
    set: (id, record) => {
      records.set(id, record);
    },
    delete: (id) => {
      records.delete(id);
    },
  };
}

/**
 * A server-side session store whose records are encrypted (JWE, `dir` + A256GCM) with a
 * 32-byte key from the server's secret store. The refresh token the server web app keeps
 * lives here: a leaked database or cache dump holds ciphertext only. Session ids are 32
 * random bytes; each record names its own id, so a record cannot be swapped into
 * another session.
 */
export function createEncryptedSessionStore<T>(
  key: Uint8Array,
  backend: SessionBackend,
  options: { ttlSeconds: number },
): EncryptedSessionStore<T> {
  if (key.byteLength !== 32) throw new TypeError('session encryption key must be 32 bytes');

  async function seal(sessionId: string, data: T): Promise<string> {
    const plaintext = new TextEncoder().encode(JSON.stringify({ sid: sessionId, data }));
    return new CompactEncrypt(plaintext).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(key);
  }

  return {
    async create(data) {
      const sessionId = base64url.encode(crypto.getRandomValues(new Uint8Array(32)));
      await backend.set(sessionId, await seal(sessionId, data), options.ttlSeconds);
      return sessionId;
    },
    async get(sessionId) {
      if (sessionId === undefined) return undefined;
      const record = await backend.get(sessionId);
      if (record === undefined) return undefined;
      let plaintext: Uint8Array;
      try {
        ({ plaintext } = await compactDecrypt(record, key, {
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
        }));
      } catch (error) {
        // Tampered record or a rotated key: no session, the user signs in again.
        if (error instanceof errors.JOSEError) return undefined;
        throw error;
      }
      const parsed = JSON.parse(new TextDecoder().decode(plaintext)) as { sid: string; data: T };
      return parsed.sid === sessionId ? parsed.data : undefined;
    },
    async set(sessionId, data) {
      await backend.set(sessionId, await seal(sessionId, data), options.ttlSeconds);
    },
    async destroy(sessionId) {
      await backend.delete(sessionId);
    },
  };
}
