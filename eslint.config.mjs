// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Libraries that must stay pure: no framework, no I/O, no clock, no randomness.
 * Time and ids arrive as data so that decisions, projections and replays are deterministic.
 */
const pureLibraries = [
  'libs/text/src/**/*.ts',
  'libs/anchoring/src/**/*.ts',
  'libs/domain/src/**/*.ts',
  'libs/projections/src/**/*.ts',
  'libs/verifiable-log/src/**/*.ts',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'corpus/**',
      'eslint.config.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: 'commonjs',
      globals: { ...globals.node },
      parserOptions: { projectService: false, project: null },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // ES modules in plain JavaScript (test/console/support/oidc-provider.mjs: oidc-provider is ESM).
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.node },
      parserOptions: { projectService: false, project: null },
    },
  },
  {
    // Nest resolves constructor parameters and DTO classes from emitted metadata: a type-only
    // import of an injected class or a DTO silently disables injection or validation.
    files: [
      'apps/**/*.ts',
      'libs/platform/**/*.ts',
      'libs/editorial/**/*.ts',
      'libs/read-models/**/*.ts',
      'libs/http/**/*.ts',
    ],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: pureLibraries,
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'better-sqlite3', '@eventstore/*', 'express'],
              message: 'Pure libraries take no framework or store.',
            },
            {
              group: [
                'fs',
                'node:fs',
                'fs/*',
                'node:fs/*',
                'net',
                'node:net',
                'http',
                'node:http',
                'child_process',
                'node:child_process',
              ],
              message: 'Pure libraries do no I/O.',
            },
            {
              group: ['crypto', 'node:crypto'],
              importNames: ['randomUUID', 'randomBytes'],
              message: 'Ids are injected, not generated here.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Configuration is injected.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'Time is injected (metadata.now), never read here.',
        },
        { object: 'Math', property: 'random', message: 'Randomness is injected.' },
        { object: 'crypto', property: 'randomUUID', message: 'Ids are injected.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time is injected, never read here.',
        },
      ],
    },
  },
  prettier,
);
