import type { UseCaseDeps } from '../../../platform/deps';
import { listNewestReasons } from '../cancellations.repository';

/** The taxonomy in force (the newest version of each reason, retired ones left out) as a tree, German and English. */
export async function listCancellationReasons(deps: UseCaseDeps) {
  const rows = (await listNewestReasons(deps.db)).filter((r) => !r.is_retired);
  const node = (r: (typeof rows)[number]) => ({
    code: r.code,
    version: r.version,
    parentCode: r.parent_code,
    label: { de: r.label_de, en: r.label_en },
    selectable: r.is_selectable,
    needsCompetitor: r.needs_competitor,
  });
  return {
    items: rows
      .filter((r) => r.parent_code === null)
      .map((r) => ({ ...node(r), children: rows.filter((c) => c.parent_code === r.code).map(node) })),
  };
}
