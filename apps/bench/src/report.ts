/** One entry of the `customSmallerIsBetter` array that benchmark dashboards read. */
export interface DashboardEntry {
  name: string;
  unit: 'ns/op' | 'bytes' | 'ms';
  value: number;
  range?: string;
  extra?: string;
}
