export { defineLegacyContract } from './legacy_contract.js';
export type { LegacyContractOptions } from './legacy_contract.js';
export type * from './contract/subject.js';
export { defineConsumerAppBehaviour } from './consumer_app_behaviour.js';
export type { ConsumerApp, ConsumerAppBehaviourOptions } from './consumer_app_behaviour.js';
