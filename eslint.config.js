// Lint with type information (typescript-eslint's recommendedTypeChecked) over everything the
// TypeScript project compiles; Prettier owns the formatting, so no stylistic rule is on here.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // client/schema.ts is written by `npm run openapi` from openapi.json.
  { ignores: ['node_modules/', 'dist/', 'dist-bench/', 'coverage/', 'data/', '.tmp/', 'client/schema.ts'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Names starting with _ are deliberately unused (a parameter a signature requires).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read HTTP bodies and raw rows, which are untyped JSON (supertest's `body` is `any`) and
    // which they check with expect(): the rules against `any` flowing would only ask for casts there.
    files: ['test/**/*.ts', 'src/**/*.spec.ts'],
    rules: {
      // Test doubles implement async interfaces (a batch source, a job handler) without awaiting.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Plain JavaScript (this file, jest's configuration, the test command) has no types to check.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', URL: 'readonly' } },
  },
);
