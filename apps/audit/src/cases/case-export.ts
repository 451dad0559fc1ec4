/**
 * The audit file of one case: everything an inspector needs offline, sealed with a SHA-256 digest
 * over its canonical JSON (the event store's own canonical form), so a copy handed on can be
 * checked for changes.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@sa/event-store';
import type { CaseExport } from './case-views';

export function exportDigest(document: Omit<CaseExport, 'digest'>): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}

export function sealExport(document: Omit<CaseExport, 'digest'>): CaseExport {
  return { ...document, digest: { algorithm: 'sha256', over: 'canonical JSON of every other member', value: exportDigest(document) } };
}

/** True when the file is as the audit service sealed it. */
export function exportIntact(document: CaseExport): boolean {
  const { digest, ...rest } = document;
  return exportDigest(rest) === digest.value;
}
