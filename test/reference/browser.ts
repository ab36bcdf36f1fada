/**
 * A minimal user agent for driving the IdP in tests: fetch with manual redirects and a
 * cookie jar (one origin, the IdP's). Enough for login/consent and the device pages.
 */
export class TestBrowser {
  readonly #jar = new Map<string, string>();

  async request(url: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers = new Headers();
    const cookie = [...this.#jar].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookie) headers.set('cookie', cookie);
    let body: URLSearchParams | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form);
      headers.set('content-type', 'application/x-www-form-urlencoded');
    }
    const response = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = ''] = setCookie.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(setCookie)) this.#jar.delete(name);
      else this.#jar.set(name, value);
    }
    return response;
  }

  /**
   * Follows redirects from `start` until one points at `stopAt` (the client's redirect
   * URI, which is not served); returns that URL. Throws on a page that does not redirect.
   */
  async followRedirects(start: string | URL, stopAt: string, first?: Response): Promise<URL> {
    let url = new URL(start);
    let response = first ?? (await this.request(url));
    for (let hop = 0; hop < 20; hop += 1) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) {
        throw new Error(`expected a redirect from ${url.href}, got ${response.status}: ${(await response.text()).slice(0, 300)}`);
      }
      const next = new URL(location, url);
      if (next.href.startsWith(stopAt)) return next;
      url = next;
      response = await this.request(url);
    }
    throw new Error('too many redirects');
  }

  /** Follows redirects until a page answers 200, returning its HTML. */
  async followToPage(start: string | URL, first?: Response): Promise<{ url: URL; html: string }> {
    let url = new URL(start);
    let response = first ?? (await this.request(url));
    for (let hop = 0; hop < 20; hop += 1) {
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        url = new URL(location, url);
        response = await this.request(url);
        continue;
      }
      return { url, html: await response.text() };
    }
    throw new Error('too many redirects');
  }
}

/** The value of a hidden input in an HTML form. */
export function formField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (match?.[1] === undefined) throw new Error(`no ${name} field in ${html.slice(0, 500)}`);
  return match[1];
}
