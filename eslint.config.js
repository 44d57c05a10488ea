// Lint: TypeScript and Vue recommended rules, plus the architecture's import boundaries.
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

const boundary = (message, ...group) => ({ 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] })

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'test-results/**', 'playwright-report/**', 'data/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  { files: ['shared/**'], rules: boundary('shared/ imports nothing of ours but shared/', '**/server/**', '**/client/**') },
  { files: ['client/**'], rules: boundary('client/ never imports server/', '**/server/**') },
  { files: ['server/conference/**'], ignores: ['**/*.test.ts'], rules: boundary('conference/ is plain TypeScript: no transport', 'socket.io', 'express', '**/realtime/**', '**/http/**') },
)
