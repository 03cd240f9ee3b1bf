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
      // Scratch copies the tests make.
      '**/.consumer-app/**',
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
    // Bugs the type checker can see: a promise nobody awaits or handles, and a
    // promise where a callback's return value is ignored.
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    ignores: ['**/*.config.ts', '**/__testfixtures__/**', '**/fixtures/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Tests, CLIs, scripts and the bench may print.
    files: ['**/test/**', '**/stress/**', '**/bench/**', '**/src/cli.ts', 'scripts/**', 'apps/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
