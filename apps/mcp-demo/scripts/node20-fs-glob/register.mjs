// `node --import ./register.mjs`: lets the conformance suite run on Node 20.
// Its bundle imports `globSync` from 'fs', which Node added in 22; on 20 the
// import fails at link time, before any scenario runs. This resolve hook
// hands the suite (and only the suite) an 'fs' that also exports globSync.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
