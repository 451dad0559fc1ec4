/**
 * How the build-time fixes of FerretDB's source are written: exact text replaced once in a file of
 * the module, or a file added to one of its packages. An edit whose text is no longer found refuses
 * the build, so a FerretDB upgrade cannot silently drop a fix.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SourceEdit {
  /** The file, relative to the module's directory. */
  readonly file: string;
  /** Text the file has exactly once (as FerretDB v1.24 has it). */
  readonly find: string;
  readonly replace: string;
}

export interface AddedFile {
  readonly file: string;
  readonly text: string;
}

export interface SourcePatch {
  /** The deploy/local/ferretdb file that explains the fix, for the refusal's message. */
  readonly explainedIn: string;
  readonly edits: readonly SourceEdit[];
  readonly added: readonly AddedFile[];
}

/** Applies the patch to a writable copy of the module. */
export function applySourcePatch(moduleCopy: string, patch: SourcePatch): void {
  for (const edit of patch.edits) {
    const path = join(moduleCopy, edit.file);
    const source = readFileSync(path, 'utf8');
    const at = source.indexOf(edit.find);
    if (at === -1 || source.indexOf(edit.find, at + 1) !== -1) {
      throw new Error(`FerretDB's ${edit.file} no longer has, exactly once, the code ${patch.explainedIn} fixes; review that fix for this version`);
    }
    writeFileSync(path, source.slice(0, at) + edit.replace + source.slice(at + edit.find.length));
  }
  for (const file of patch.added) writeFileSync(join(moduleCopy, file.file), file.text);
}

/** What the patch is, for the cache key of the built binary. */
export function sourcePatchFingerprint(patch: SourcePatch): string {
  return JSON.stringify([patch.edits, patch.added]);
}
