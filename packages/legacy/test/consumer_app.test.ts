import { getConfig, setConfig } from '../src/config.js';
import { defineConsumerAppBehaviour } from '../src/testing/index.js';
import * as app from '../src/tools/session_tools.js';

// Every tool call validates the client binding (a PBKDF2 run); 1,000 rounds
// keep the behaviour and make the suite take milliseconds instead of seconds.
let previousIterations = getConfig().pbkdf2Iterations;

defineConsumerAppBehaviour(app, {
  name: '@sessionkit/legacy: application behaviour',
  beforeAll: () => {
    previousIterations = getConfig().pbkdf2Iterations;
    setConfig({ pbkdf2Iterations: 1000 });
  },
  afterAll: () => {
    setConfig({ pbkdf2Iterations: previousIterations });
  },
});
