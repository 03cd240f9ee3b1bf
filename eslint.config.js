// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/coverage/**',
      'apps/bench/results/**',
      // Codemod fixtures are inputs/outputs of transforms, not project code.
      '**/__testfixtures__/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // Tests, CLIs, scripts and the bench may print.
    files: ['**/test/**', '**/stress/**', '**/bench/**', '**/src/cli.ts', 'scripts/**', 'apps/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
