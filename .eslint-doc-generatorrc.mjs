// eslint-doc-generator: README rules table and rule doc headers, generated from the rules'
// metadata. `npm run docs` writes them; `npm test` runs `eslint-doc-generator --check`.

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
    ['all', '🌐'],
  ],
  ruleListColumns: ['name', 'description', 'configsError', 'configsWarn', 'fixable', 'hasSuggestions', 'options'],
  ruleDocNotices: ['configs', 'fixableAndHasSuggestions', 'options', 'description'],
  // Every rule page has these sections; `Options` is required on every page too (rules
  // without options say so), and option names must be mentioned (ruleDocSectionOptions).
  ruleDocSectionInclude: ['Examples', 'Options', 'When Not To Use It', 'Further Reading', 'The right pattern'],
  ruleDocSectionOptions: true,
  ruleDocTitleFormat: 'prefix-name',
  urlConfigs: 'https://github.com/eslint-plugin-oauth/eslint-plugin-oauth#configs',
};

export default config;
