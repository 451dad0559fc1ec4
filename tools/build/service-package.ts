/**
 * The npm package of one compiled service: a package.json whose dependencies are only the packages
 * its code requires (followed from dist/apps/<service>/src/main.js through every relative require),
 * pinned to the versions in the workspace, so its image installs those and nothing else — not the
 * other services' dependencies, not the KurrentDB client and its native bridges unless asked
 * (`--with-kurrentdb`, for a deployment whose EVENT_STORE_URL is kurrentdb://).
 *
 *   npx tsx tools/build/compile.ts payments && npx tsx tools/build/service-package.ts payments out/payments
 *   (out/payments/package.json; the Dockerfile then runs npm install --omit=dev there, with the workspace lockfile)
 */
import { builtinModules } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const builtins = new Set(builtinModules);
/** Loaded by a framework by name, never required by our code: NestFactory loads the HTTP adapter itself. */
const loadedByFrameworks = ['@nestjs/platform-express'];
/** Loaded on first use by the event-store adapter for kurrentdb:// URLs only (26 MB with its native bridges). */
const optionalForKurrentDb = ['@kurrent/kurrentdb-client'];

function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0] as string)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.js`, join(base, 'index.js')].find((candidate) => existsSync(candidate) && candidate.endsWith('.js'));
}

/** The compiled service's own files (a worker thread's entry is one: it is started by path, not required), test support left out. */
function serviceEntries(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test-support' || e.name === 'tests' ? [] : serviceEntries(full);
    return e.name.endsWith('.js') ? [full] : [];
  });
}

/** The packages the compiled code reachable from `entries` requires, and the files it reaches. */
export function requiredPackages(entries: readonly string[]): { packages: Set<string>; files: Set<string> } {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/\b(?:require|import)\(\s*(['"])([^'"]+)\1\s*\)/g)) {
      const specifier = match[2] as string;
      if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier);
        if (target) queue.push(target);
      } else {
        const name = packageOf(specifier);
        if (name) packages.add(name);
      }
    }
  }
  return { packages, files: seen };
}

export interface ServicePackage {
  readonly manifest: { name: string; private: true; dependencies: Record<string, string> };
  /** The compiled files the service runs (dist-relative), for its image. */
  readonly files: string[];
}

export function servicePackage(service: string, options: { withKurrentDb: boolean; distDir?: string }): ServicePackage {
  const dist = options.distDir ?? join(root, 'dist');
  const entry = join(dist, 'apps', service, 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: compile first (npx tsx tools/build/compile.ts ${service})`);
  const workspace = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const reached = requiredPackages(serviceEntries(join(dist, 'apps', service, 'src')));
  const wanted = new Set([...reached.packages, ...loadedByFrameworks]);
  if (!options.withKurrentDb) for (const name of optionalForKurrentDb) wanted.delete(name);
  const unknown = [...wanted].filter((name) => !(name in workspace.dependencies));
  if (unknown.length > 0) throw new Error(`${service} requires ${unknown.join(', ')}, which the workspace's package.json does not list as dependencies`);
  const installed = (name: string) => (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  const dependencies = Object.fromEntries([...wanted].sort().map((name) => [name, installed(name)]));
  const files = [...reached.files].map((f) => relative(dist, f)).sort();
  return { manifest: { name: `@social-assistance/${service}`, private: true, dependencies }, files };
}

if (require.main === module) {
  const [service, outDir, ...flags] = process.argv.slice(2);
  if (!service || !outDir) {
    console.error('usage: tsx tools/build/service-package.ts <service> <out-dir> [--with-kurrentdb]');
    process.exit(2);
  }
  const { manifest, files } = servicePackage(service, { withKurrentDb: flags.includes('--with-kurrentdb') });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // The compiled files it runs, with their source maps (--enable-source-maps), under out/dist.
  for (const file of files) {
    for (const name of [file, `${file}.map`]) {
      const from = join(root, 'dist', name);
      if (!existsSync(from)) continue;
      mkdirSync(dirname(join(outDir, 'dist', name)), { recursive: true });
      copyFileSync(from, join(outDir, 'dist', name));
    }
  }
  console.log(`${service}: ${files.length} compiled files; ${Object.keys(manifest.dependencies).join(', ')}`);
}
