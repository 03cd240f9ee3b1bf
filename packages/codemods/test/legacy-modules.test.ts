import { describe, expect, it } from 'vitest';
import { adapterSpecifierFor, classifySpecifier, coreSpecifierFor, isOldImport, normalizeModuleName } from '../src/lib/legacy-modules.js';

describe('classifySpecifier', () => {
  it('recognises the legacy package, its subpaths and the bridge', () => {
    expect(classifySpecifier('@sessionkit/legacy')).toEqual({ kind: 'package', packageName: '@sessionkit/legacy', subpath: null });
    expect(classifySpecifier('@sessionkit/legacy/session_data')).toEqual({ kind: 'package', packageName: '@sessionkit/legacy', subpath: 'session_data' });
    expect(classifySpecifier('@sessionkit/legacy-adapter')).toMatchObject({ kind: 'package', packageName: '@sessionkit/legacy-adapter' });
    expect(classifySpecifier('@sessionkit/legacyish')).toBeNull();
    expect(classifySpecifier('@sessionkit/core')).toBeNull();
  });

  it.each([
    ['./session_manager', 'session_manager', 'snake', ''],
    ['../session_concurrency', 'session_concurrency', 'snake', ''],
    ['./session-manager', 'session_manager', 'kebab', ''],
    ['./sessionManager', 'session_manager', 'camel', ''],
    ['../lib/sessionLockManager.js', 'session_lock_manager', 'camel', '.js'],
    ['./models.ts', 'models', 'snake', '.ts'],
  ])('recognises %s as the old %s module', (specifier, module, style, extension) => {
    expect(classifySpecifier(specifier)).toMatchObject({ kind: 'relative', module, style, extension });
  });

  it('ignores other relative modules and bare packages', () => {
    expect(classifySpecifier('./session')).toBeNull();
    expect(classifySpecifier('./session-types')).toBeNull();
    expect(classifySpecifier('../handlers/session_handler')).toBeNull();
    expect(classifySpecifier('session_manager')).toBeNull();
  });
});

describe('isOldImport', () => {
  const models = classifySpecifier('../models');
  const manager = classifySpecifier('./session-manager');
  const legacy = classifySpecifier('@sessionkit/legacy');
  if (!models || !manager || !legacy) throw new Error('fixtures misclassified');

  it("needs an old name from a relative module (so an app's own ./models or core's ./session-manager are left alone)", () => {
    expect(isOldImport(models, ['Thread'])).toBe(true);
    expect(isOldImport(models, ['userModels'])).toBe(false);
    expect(isOldImport(manager, ['SimpleSessionManager', 'getSessionManager'])).toBe(false);
    expect(isOldImport(manager, ['SessionManager'])).toBe(true);
  });

  it('trusts the package, and specific basenames when the names cannot be known', () => {
    expect(isOldImport(legacy, [])).toBe(true);
    expect(isOldImport(manager, null)).toBe(true);
    expect(isOldImport(models, null)).toBe(false);
  });
});

describe('where names go', () => {
  it('keeps package subpaths on the bridge and sends relative modules to its root', () => {
    expect(adapterSpecifierFor({ kind: 'package', packageName: '@sessionkit/legacy', subpath: 'session_manager' })).toBe(
      '@sessionkit/legacy-adapter/session_manager',
    );
    expect(adapterSpecifierFor({ kind: 'package', packageName: '@sessionkit/legacy', subpath: null })).toBe('@sessionkit/legacy-adapter');
    const relative = classifySpecifier('../session_data');
    if (!relative) throw new Error('misclassified');
    expect(adapterSpecifierFor(relative)).toBe('@sessionkit/legacy-adapter');
  });

  it('writes sibling modules in the style of the old ones under --target relative', () => {
    expect(coreSpecifierFor('SimpleSessionManager', { kind: 'package' })).toBe('@sessionkit/core');
    expect(coreSpecifierFor('SimpleSessionManager', { kind: 'relative', directory: '../', extension: '.js', style: 'snake' })).toBe('../session_manager.js');
    expect(coreSpecifierFor('Thread', { kind: 'relative', directory: './', extension: '', style: 'kebab' })).toBe('./session-types');
    expect(coreSpecifierFor('SessionSecurityError', { kind: 'relative', directory: './', extension: '', style: 'camel' })).toBe('./session');
  });

  it('normalises the three naming styles', () => {
    expect(normalizeModuleName('session-lock-manager')).toEqual({ key: 'session_lock_manager', style: 'kebab' });
    expect(normalizeModuleName('sessionLockManager')).toEqual({ key: 'session_lock_manager', style: 'camel' });
    expect(normalizeModuleName('session_lock_manager')).toEqual({ key: 'session_lock_manager', style: 'snake' });
  });
});
