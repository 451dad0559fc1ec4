/** Checks for the programs a component needs and says exactly how to install a missing one. */
import { probe } from './process';

const howToInstall: Record<string, string> = {
  java: 'Java 17 or newer: `apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or https://adoptium.net',
  mvn: 'Apache Maven: `apt-get install -y maven` (Debian/Ubuntu) or https://maven.apache.org/install.html',
  go: 'Go 1.22 or newer: https://go.dev/doc/install (or `apt-get install -y golang` where it is recent enough)',
};

export function requirePrograms(component: string, programs: Array<'java' | 'mvn' | 'go'>): void {
  const missing = programs.filter((program) => probe(program, program === 'go' ? ['version'] : ['-version']) === undefined);
  if (missing.length === 0) return;
  const lines = missing.map((program) => `  - ${program}: install ${howToInstall[program]}`);
  throw new Error(`${component} needs programs that are not on PATH:\n${lines.join('\n')}`);
}

/** Java's major version, e.g. 17, read from `java -version`. */
export function javaMajorVersion(): number | undefined {
  const line = probe('java', ['-version']);
  const match = line?.match(/version "(\d+)(?:\.(\d+))?/);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}
