// Alphabetical. A rule is listed here once it is implemented end to end (tests, docs, fixtures).
import noImplicitGrant from './no-implicit-grant';
import noPasswordGrant from './no-password-grant';

export const rules = {
  'no-implicit-grant': noImplicitGrant,
  'no-password-grant': noPasswordGrant,
};
