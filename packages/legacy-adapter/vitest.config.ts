import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The old entry points warn on first use; test/deprecation.test.ts and
    // test/module_format.test.ts switch the warnings back on where they assert them.
    env: { SESSIONKIT_NO_DEPRECATION: '1' },
  },
});
