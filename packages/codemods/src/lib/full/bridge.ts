/**
 * The last resort for a component that cannot move to core: its old imports
 * point at `@sessionkit/legacy-adapter` (the old API, running on core), each
 * marked with what still needs it — exactly what `to-adapter` does in `all`
 * mode — so the code keeps compiling and running as before.
 */
import jscodeshift from 'jscodeshift';
import { migrationOptions, migrateSource } from '../define-transform.js';
import type { TargetOption } from '../legacy-modules.js';
import { leftoversRule } from '../../transforms/to-adapter.js';

/** The file re-pointed at the bridge, each adapter import marked with what still needs it. */
export function bridgeSource(file: string, source: string, target: TargetOption = 'package'): string {
  const options = { ...migrationOptions({ target } as never, file) };
  return migrateSource(jscodeshift, { path: file, source }, [leftoversRule], options).output;
}
