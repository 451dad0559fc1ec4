// Lint rules for the whole workspace. The module-boundary rule is the architecture's guard:
// apps depend on libs and never on each other; domain libraries stay pure (no I/O libraries).
import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/.infra', '**/.nx', '**/coverage'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'layer:domain', onlyDependOnLibsWithTags: ['layer:domain'] },
            { sourceTag: 'layer:contracts', onlyDependOnLibsWithTags: ['layer:domain', 'layer:contracts'] },
            {
              sourceTag: 'layer:infrastructure',
              onlyDependOnLibsWithTags: ['layer:domain', 'layer:contracts', 'layer:infrastructure'],
            },
            { sourceTag: 'layer:testing', onlyDependOnLibsWithTags: ['layer:contracts', 'layer:infrastructure', 'layer:domain'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Deciders and rules are pure: no database, broker, network, clock or randomness.
    files: ['libs/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['pg', 'mongoose', 'mongodb', '@platformatic/*', '@kurrent/*', '@nestjs/*', 'node:*', 'fs', 'net', 'http'], message: 'Domain code is pure: no I/O libraries.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass the time in; deciders take no clock.' },
        { object: 'Math', property: 'random', message: 'Pass randomness in; deciders are deterministic.' },
      ],
    },
  },
];
