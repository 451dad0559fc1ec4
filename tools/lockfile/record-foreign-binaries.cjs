#!/usr/bin/env node
/**
 * Records in package-lock.json the platform-specific optional binaries (other operating systems
 * and CPUs) that the npm registry mirror of these machines does not serve. Without their entries
 * `npm ci` refuses the lock file as out of sync; with them (carrying `os`/`cpu`), npm skips them
 * on this platform and a machine on that platform still knows which version to fetch.
 *
 * Run after any `npm install` that rewrites the lock: `node tools/lockfile/record-foreign-binaries.cjs`.
 */
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.resolve(__dirname, '..', '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'loong64', 'riscv64', 'mips64el', 'wasm32'];

/** `@swc/core-linux-arm-gnueabihf` → { os: linux, cpu: arm, libc: glibc }; undefined when not a platform binary. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (!os || !cpu) return undefined;
  const libc = parts.some((p) => p.startsWith('musl')) ? 'musl' : parts.some((p) => p.startsWith('gnu')) ? 'glibc' : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${dep}`;
    if (lock.packages[target]) continue;
    const platform = platformOf(dep);
    if (!platform) throw new Error(`${location} has optional ${dep}@${version}, missing from the lock and not a platform binary`);
    lock.packages[target] = {
      version,
      cpu: [platform.cpu],
      optional: true,
      os: [platform.os],
      ...(platform.libc ? { libc: [platform.libc] } : {}),
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`recorded ${added} platform binaries the registry mirror does not serve`);
