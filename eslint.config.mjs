// One linter: typed TypeScript rules plus the import boundaries of the house (docs/architecture.md).
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { LAYERS, foldersAbove } from './scripts/lib/layers.mjs';

const restrict = (patterns) => ['error', { patterns }];

const noNext = {
  group: [
    'next',
    'next/*',
    'next-auth',
    'next-auth/*',
    'react',
    'react-dom',
    '@/app/*',
    '@/components/*',
  ],
  message: 'lib/ is framework-free: Next and React belong in app/ and components/.',
};
const noAdapters = {
  group: ['@/lib/providers/adapters/*', '**/providers/adapters/*'],
  message: 'Reach adapters through lib/providers/registry.ts.',
};
const noPrisma = {
  group: ['@prisma/*', '@/lib/db/generated/*', '**/db/generated/*'],
  message: 'The Prisma client is imported only under lib/db.',
};
const noDb = {
  group: ['@/lib/db', '@/lib/db/*', '@prisma/*'],
  message: 'Components receive DTOs; data access belongs in lib/.',
};
const noApp = {
  group: ['@/app/*', '@/components/*', 'next', 'next/*', 'react'],
  message: 'The worker shares lib/ only.',
};

// The layers of lib/ (scripts/lib/layers.mjs): a folder's source files may not import a folder of
// their own layer or above. Tests are leaves and keep only the rules above.
const importPaths = (folder) =>
  folder === 'root' ? ['@/lib/env', '@/lib/errors'] : [`@/lib/${folder}`, `@/lib/${folder}/*`];
const layerRule = (folder) =>
  foldersAbove(folder).length === 0
    ? []
    : [
        {
          group: foldersAbove(folder).flatMap(importPaths),
          message: `lib/${folder} may import only lower layers of lib/ (scripts/lib/layers.mjs, docs/architecture.md).`,
        },
      ];
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];
const frameworkRules = (folder) =>
  ['db'].includes(folder)
    ? []
    : ['auth', 'http'].includes(folder)
      ? [noAdapters, noPrisma]
      : folder === 'providers/adapters'
        ? [noNext, noPrisma]
        : [noNext, noAdapters, noPrisma];
const layerConfigs = LAYERS.flatMap((layer) => layer.folders).flatMap((folder) => {
  const files = folder === 'root' ? ['lib/*.ts'] : [`lib/${folder}/**`];
  const ignores = folder === 'providers' ? [...TESTS, 'lib/providers/adapters/**'] : TESTS;
  const configs = [
    {
      files,
      ignores,
      rules: {
        'no-restricted-imports': restrict([...frameworkRules(folder), ...layerRule(folder)]),
      },
    },
  ];
  if (folder === 'providers')
    configs.push({
      files: ['lib/providers/registry.ts'],
      rules: { 'no-restricted-imports': restrict([noNext, noPrisma, ...layerRule(folder)]) },
    });
  return configs;
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      'lib/db/generated/**',
      '.tmp/**',
      'next-env.d.ts',
      'test-results/**',
      'dist/**',
      '.reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@next/next': nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/only-throw-error': 'off',
      'no-restricted-imports': ['error', { patterns: [noPrisma] }],
    },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.mjs', 'scripts/**', 'test/**', 'e2e/**', 'bench/**', 'simulators/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  { files: ['scripts/lib/prisma6.config.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['lib/db/**'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['lib/**'],
    ignores: ['lib/db/**', 'lib/auth/**', 'lib/http/**', 'lib/providers/**'],
    rules: { 'no-restricted-imports': restrict([noNext, noAdapters, noPrisma]) },
  },
  {
    files: ['lib/providers/**'],
    ignores: ['lib/providers/registry.ts', 'lib/providers/adapters/**'],
    rules: { 'no-restricted-imports': restrict([noNext, noAdapters, noPrisma]) },
  },
  {
    files: ['lib/providers/registry.ts', 'lib/providers/adapters/**'],
    rules: { 'no-restricted-imports': restrict([noNext, noPrisma]) },
  },
  {
    files: ['lib/auth/**', 'lib/http/**'],
    rules: { 'no-restricted-imports': restrict([noAdapters, noPrisma]) },
  },
  ...layerConfigs,
  {
    // The timeline is append-only and written in one place (lib/ledger/timeline.ts, transition()).
    files: ['lib/**', 'app/**', 'worker/**', 'receiver/**', 'scripts/**', 'prisma/**'],
    ignores: ['lib/ledger/**', ...TESTS],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.property.name='timelineEntry'][property.name=/^create/]",
          message: 'Append timeline entries through lib/ledger (appendTimeline, transition).',
        },
        {
          selector: "MemberExpression[object.name='timelineEntry'][property.name=/^create/]",
          message: 'Append timeline entries through lib/ledger (appendTimeline, transition).',
        },
      ],
    },
  },
  { files: ['components/**'], rules: { 'no-restricted-imports': restrict([noDb, noAdapters]) } },
  { files: ['app/**'], rules: { 'no-restricted-imports': restrict([noAdapters, noPrisma]) } },
  {
    files: ['worker/**', 'receiver/**', 'cli/**'],
    rules: { 'no-restricted-imports': restrict([noApp, noAdapters, noPrisma]) },
  },
  {
    files: ['simulators/**'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['@/lib/*', '@/app/*', '@/components/*', '../lib/*', '../../lib/*'],
          message: 'Simulators stand for external systems: they share no code with Waybill.',
        },
      ]),
    },
  },
);
