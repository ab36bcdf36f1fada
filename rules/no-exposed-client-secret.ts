import { createRule } from '../src/create-rule';
import { clientSecretFindings, mayExposeSecrets } from '../src/analysis/client-secrets';
import { isTestFile, projectPath } from '../src/analysis/environment';

export type Options = [];
export type MessageIds =
  'literalSecret' | 'publicEnvSecret' | 'publicConfigSecret' | 'browserSecret' | 'browserSecretSent' | 'publicEnvAuthSecret';

export default createRule<Options, MessageIds>({
  name: 'no-exposed-client-secret',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow OAuth client secrets written in source code or shipped to browsers',
      recommended: 'error',
    },
    messages: {
      literalSecret:
        'OAuth client secret written in source code. Anyone who can read the repository or the bundle can impersonate this client. Load it at runtime from a secret manager or a server-side environment variable.',
      publicEnvSecret:
        "Client secret read from '{{name}}': bundlers inline '{{prefix}}' variables into browser code, so every visitor can read it. Keep the secret in a server-only variable, or make the app a public client using PKCE.",
      publicConfigSecret:
        "Client secret put in '{{config}}', which is shipped to the browser bundle where every visitor can read it. Keep it in server-only config, or make the app a public client using PKCE.",
      publicEnvAuthSecret:
        "Auth secret read from '{{name}}': bundlers inline '{{prefix}}' variables into browser code, so every visitor can read it and sign tokens or requests as the app. Keep it in a server-only variable and do the signing on the server.",
      browserSecretSent:
        'Client secret sent from code that ships to browsers or devices: anyone can read it in the bundle or the network panel and impersonate this client. Do the token exchange on a server (backend-for-frontend), or make the app a public client using PKCE.',
      browserSecret:
        'Client secret read in code that ships to browsers or devices, where anyone can extract it. Do the token exchange on a server (backend-for-frontend), or make the app a public client using PKCE.',
    },
    schema: [],
    defaultOptions: [],
  },
  applies: (sourceCode, filename) => !isTestFile(filename) && mayExposeSecrets(sourceCode),
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      'Program:exit'() {
        for (const finding of clientSecretFindings(sourceCode, projectPath(context.filename, context.cwd)))
          context.report({ node: finding.node, messageId: finding.kind, data: finding.data });
      },
    };
  },
});
