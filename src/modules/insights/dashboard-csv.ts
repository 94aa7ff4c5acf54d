import type { Money } from '../../platform/money';
import type { Dashboard, DashboardView } from './insights.schemas';

// Every dashboard view as CSV: the same numbers the chart draws, one row per bar, with a header
// row in the reader's language. Money is written in major units with a dot (12.5), rates as
// shares (0.25), so a spreadsheet in either language reads them as numbers.

type Lang = 'de' | 'en';
type Cell = string | number | null;
interface Table {
  header: Array<[string, string]>; // [en, de]
  rows: Cell[][];
}

const amount = (m: Money | null): Cell => (m === null ? null : m.amountMinor / 100);
const COUNTS: Array<[string, string]> = [
  ['Cancellations', 'Kündigungen'],
  ['Refund requests', 'Erstattungsanträge'],
  ['Exceptions', 'Ausnahmen'],
];
const counts = (r: { cancellations: number; refundRequests: number; exceptions: number }) => [
  r.cancellations,
  r.refundRequests,
  r.exceptions,
];
const keyed = (
  d: Dashboard,
  view: 'reason' | 'plan' | 'channel' | 'tenure' | 'language',
  label: [string, string],
) => ({
  header: [label, ...COUNTS],
  rows: d.breakdowns[view].map((r) => [r.key, ...counts(r)]),
});
const ratings = (rows: Dashboard['satisfaction']['byReason'], label: [string, string]): Table => ({
  header: [
    label,
    ['Answers', 'Antworten'],
    ['Average rating', 'Durchschnitt'],
    ['Ratings 1–2', 'Bewertungen 1–2'],
  ],
  rows: rows.map((r) => [r.key, r.answers, r.average, r.low]),
});

/** The rows of one view, from the dashboard the JSON route answers. */
export function dashboardTable(d: Dashboard, view: DashboardView): Table {
  switch (view) {
    case 'timeline':
      return {
        header: [['Bucket', 'Zeitraum'], ...COUNTS],
        rows: d.timeline.map((r) => [r.bucket, ...counts(r)]),
      };
    case 'reason':
      return keyed(d, 'reason', ['Reason', 'Grund']);
    case 'plan':
      return keyed(d, 'plan', ['Plan or product', 'Tarif oder Produkt']);
    case 'channel':
      return keyed(d, 'channel', ['Acquisition channel', 'Akquisekanal']);
    case 'tenure':
      return keyed(d, 'tenure', ['Days since signup', 'Tage seit Anmeldung']);
    case 'language':
      return keyed(d, 'language', ['Language', 'Sprache']);
    case 'agent':
      return {
        header: [['Agent id', 'Mitarbeiter-ID'], ['Agent', 'Mitarbeiter'], ...COUNTS, ...goodwillHeader(d)],
        rows: d.breakdowns.agent.map((r) => [
          r.key,
          r.name,
          ...counts(r),
          ...goodwillCell(d, r.goodwillCost),
        ]),
      };
    case 'exceptionsByReason':
      return {
        header: [
          ['Reason', 'Grund'],
          ['Decided', 'Entschieden'],
          ['Approved', 'Genehmigt'],
          ['Approval rate', 'Genehmigungsquote'],
        ],
        rows: d.exceptionApproval.byReason.map((r) => [r.key, r.decided, r.approved, r.rate]),
      };
    case 'exceptionsByApprover':
      return {
        header: [
          ['Approver id', 'Entscheider-ID'],
          ['Approver', 'Entscheider'],
          ['Decided', 'Entschieden'],
          ['Approved', 'Genehmigt'],
          ['Approval rate', 'Genehmigungsquote'],
          ...goodwillHeader(d),
        ],
        rows: d.exceptionApproval.byApprover.map((r) => [
          r.key,
          r.name,
          r.decided,
          r.approved,
          r.rate,
          ...goodwillCell(d, r.goodwillCost),
        ]),
      };
    case 'offers':
      return {
        header: [
          ['Offer', 'Angebot'],
          ['Shown', 'Gezeigt'],
          ['Accepted', 'Angenommen'],
          ['Saves', 'Gehalten'],
          ['Save rate', 'Haltequote'],
        ],
        rows: [
          ...d.retention.offers.map((o) => [o.title.en, o.shown, o.accepted, o.saves, o.saveRate]),
          [
            'holdout',
            d.retention.holdout.cases,
            null,
            d.retention.holdout.retained,
            d.retention.holdout.retentionRate,
          ],
        ],
      };
    case 'satisfactionByReason':
      return ratings(d.satisfaction.byReason, ['Reason', 'Grund']);
    case 'satisfactionByOutcome':
      return ratings(d.satisfaction.byOutcome, ['Outcome', 'Ergebnis']);
    case 'summary':
      return summaryTable(d);
  }
}

function summaryTable(d: Dashboard): Table {
  const t = d.decisionTime;
  return {
    header: [
      ['Metric', 'Kennzahl'],
      ['Value', 'Wert'],
    ],
    rows: [
      ['cancellations', d.totals.cancellations],
      ['refundRequests', d.totals.refundRequests],
      ['exceptions', d.totals.exceptions],
      ['refunded', amount(d.refunds.refunded)],
      ['revenue', amount(d.refunds.revenue)],
      ['refundRate', d.refunds.refundRate],
      ['goodwillCost', amount(d.refunds.goodwillCost)],
      ['decisionTargetHours', t.targetHours],
      ['decided', t.decided],
      ['medianHours', t.medianHours],
      ['p90Hours', t.p90Hours],
      ['withinTarget', t.withinTarget],
      ['withinTargetShare', t.withinTargetShare],
      ['saveRate', d.retention.offered.saveRate],
      ['holdoutRetentionRate', d.retention.holdout.retentionRate],
      ['satisfactionAverage', d.satisfaction.average],
      ['lowRatings', d.satisfaction.low],
    ],
  };
}

// an agent's export has no goodwill column at all, as its JSON has no goodwill per person
const goodwillHeader = (d: Dashboard): Array<[string, string]> =>
  d.restricted ? [] : [[`Goodwill cost (${d.period.currency})`, `Kulanzkosten (${d.period.currency})`]];
const goodwillCell = (d: Dashboard, m: Money | null): Cell[] => (d.restricted ? [] : [amount(m)]);

/**
 * One CSV cell: quoted when it holds a separator, quote or line break; a text that a spreadsheet
 * would run as a formula (= + - @, tab, carriage return) gets a leading apostrophe first.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The view as CSV text (CRLF line ends, as RFC 4180 says), header in `lang`. */
export function dashboardCsv(d: Dashboard, view: DashboardView, lang: Lang): string {
  const table = dashboardTable(d, view);
  const header = table.header.map(([en, de]) => (lang === 'de' ? de : en));
  return `${[header, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
