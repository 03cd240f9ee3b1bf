import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { ACKNOWLEDGED_PREFIX, isAcknowledged, MARKER_PREFIX, scanMarkers, writeMarker } from '../src/lib/migration-marker.js';

const j = jscodeshift.withParser('ts');

function firstStatement(source: string) {
  const root = j(source);
  const path = root.find(j.Program).get('body', 0);
  return { root, path };
}

describe('writeMarker', () => {
  it('writes one line comment with the fixed prefix above the statement', () => {
    const { root, path } = firstStatement('const data = getSessionData(id);\n');
    expect(writeMarker(j, path, 'migrate this\n  by hand')).toBe(true);
    expect(root.toSource()).toBe(`// ${MARKER_PREFIX} migrate this by hand\nconst data = getSessionData(id);\n`);
  });

  it('does not repeat a marker that is already there', () => {
    const { root, path } = firstStatement(`// ${MARKER_PREFIX} migrate this\nconst data = getSessionData(id);\n`);
    expect(writeMarker(j, path, 'migrate this')).toBe(false);
    expect(root.toSource()).toBe(`// ${MARKER_PREFIX} migrate this\nconst data = getSessionData(id);\n`);
  });

  it('leaves an acknowledged statement alone', () => {
    const source = `// ${ACKNOWLEDGED_PREFIX} done by hand\nconst data = getSessionData(id);\n`;
    const { root, path } = firstStatement(source);
    expect(isAcknowledged(path.node)).toBe(true);
    expect(writeMarker(j, path, 'something else')).toBe(false);
    expect(root.toSource()).toBe(source);
  });
});

describe('scanMarkers', () => {
  it('lists unacknowledged markers with their 1-based lines', () => {
    const source = [
      'import x from "y";',
      `// ${MARKER_PREFIX} first thing`,
      'x();',
      `  // ${ACKNOWLEDGED_PREFIX} handled`,
      `  //${MARKER_PREFIX}   second thing  `,
      '"// sessionkit-migrate: in a string is not at line start";',
    ].join('\r\n');
    expect(scanMarkers(source)).toEqual([
      { line: 2, reason: 'first thing' },
      { line: 5, reason: 'second thing' },
    ]);
  });
});
