export type { DashboardEntry } from './report.js';
