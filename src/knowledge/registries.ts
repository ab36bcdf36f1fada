/**
 * Packages their authors also publish on Deno's third-party registry under the same name:
 * `https://deno.land/x/jose@v4.14.4/index.ts` is jose, and the npm package's knowledge applies.
 */
export const DENO_X_NPM_MIRRORS: ReadonlyMap<string, string> = new Map([
  ['jose', 'jose'],
  ['oauth4webapi', 'oauth4webapi'],
]);
