// `@sessionkit/legacy-adapter/session_data`
export { AnalysisRecord, SessionData, getSessionData, registerSessionData } from './bridge/session_data.js';
export type { AnalysesSummary, AnalysisRecordDict, AnalysisRecordInit, SessionDataDict, ThreadDict } from './bridge/session_data.js';
