export { defineLegacyContract } from './legacy_contract.js';
export type { LegacyContractOptions } from './legacy_contract.js';
export type * from './contract/subject.js';
export { defineOldSystemSuite } from './old_system_suite.js';
export type { OldSystemSuiteOptions } from './old_system_suite.js';
export type * from './old_suite/subject.js';
export type { KnownOutcome, OldSuiteImplementation } from './old_suite/support.js';
export { defineConsumerAppBehaviour } from './consumer_app_behaviour.js';
export type { ConsumerApp, ConsumerAppBehaviourOptions } from './consumer_app_behaviour.js';
