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
  // Every rule page has these sections, `Options` included: rules without options say so.
  // (`ruleDocSectionOptions` would forbid that section on option-less rules; instead
  // test/plugin/docs.test.ts requires a `### <name>` heading for every option.)
  ruleDocSectionInclude: ['Examples', 'Options', 'When Not To Use It', 'Further Reading', 'The right pattern'],
  ruleDocSectionOptions: false,
  ruleDocTitleFormat: 'prefix-name',
  urlConfigs: 'https://github.com/eslint-plugin-oauth/eslint-plugin-oauth#configs',
};

export default config;
