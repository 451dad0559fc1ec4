// Lint rules for the whole workspace. The module-boundary rule is the architecture's guard:
// apps depend on libs and never on each other; domain libraries stay pure (no I/O libraries).
import nx from '@nx/eslint-plugin';

/**
 * Apps depend on libs, never on each other; domain code depends only on domain code. Tests (and
 * test support) may also use the testing libraries; production code may not.
 */
function boundaries(forTests) {
  const testing = forTests ? ['layer:testing'] : [];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    // Libraries loaded lazily by the benchmark scripts only (they relaunch themselves with the workspace paths first).
    checkDynamicDependenciesExceptions: ['contracts', 'event-store', 'platform'],
    depConstraints: [
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'layer:domain', onlyDependOnLibsWithTags: ['layer:domain'] },
      { sourceTag: 'layer:contracts', onlyDependOnLibsWithTags: ['layer:domain', 'layer:contracts'] },
      { sourceTag: 'layer:infrastructure', onlyDependOnLibsWithTags: ['layer:domain', 'layer:contracts', 'layer:infrastructure', ...testing] },
      { sourceTag: 'layer:testing', onlyDependOnLibsWithTags: ['layer:contracts', 'layer:infrastructure', 'layer:domain', 'layer:testing'] },
    ],
  };
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/.infra', '**/.nx', '**/coverage'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', '**/test-support/**/*.ts', '**/testing/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(true)] },
  },
  {
    // Benchmark scripts relaunch themselves with the workspace paths and load libraries lazily on
    // purpose; they are tools beside a library, not part of its module graph.
    files: ['**/bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
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
