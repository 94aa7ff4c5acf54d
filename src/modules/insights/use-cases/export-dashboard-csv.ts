import type { UseCaseDeps } from '../../../platform/deps';
import { dashboardCsv } from '../dashboard-csv';
import type { DashboardCsvQuery } from '../insights.schemas';
import { getDashboard } from './get-dashboard';

/** One view of the dashboard as CSV: the very numbers the JSON route answers, header in `lang`. */
export async function exportDashboardCsv(
  deps: UseCaseDeps,
  input: DashboardCsvQuery & { lang: 'de' | 'en' },
): Promise<{ csv: string; fileName: string }> {
  const { view, lang, ...query } = input;
  const dashboard = await getDashboard(deps, query);
  const { from, to } = dashboard.period;
  return { csv: dashboardCsv(dashboard, view, lang), fileName: `kulanz-${view}-${from}-${to}.csv` };
}
