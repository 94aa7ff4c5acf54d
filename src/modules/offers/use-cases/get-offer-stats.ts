import type { UseCaseDeps } from '../../../platform/deps';
import { findOfferSettings, listOfferRows, offerEventCounts } from '../offers.repository';

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** Per offer: shown, accepted, declined and its saves; the holdout group's retention beside it. */
export async function getOfferStats(deps: UseCaseDeps) {
  const [rows, settings, { events, saves, totals }] = await Promise.all([
    listOfferRows(deps.db),
    findOfferSettings(deps.db),
    offerEventCounts(deps.db),
  ]);
  const offers = rows.map((o) => {
    const e = events.find((x) => x.offer_id === o.id);
    const s = saves.find((x) => x.offer_id === o.id && !x.holdout);
    const shown = e?.shown ?? 0;
    return {
      offerId: o.id,
      kind: o.kind,
      title: { de: o.title_de, en: o.title_en },
      shown,
      accepted: e?.accepted ?? 0,
      declined: e?.declined ?? 0,
      savesConfirmed: s?.confirmed ?? 0,
      savesPending: s?.pending ?? 0,
      savesLost: s?.lost ?? 0,
      saveRate: ratio(s?.confirmed ?? 0, shown),
    };
  });
  const held = saves.find((x) => x.holdout);
  const retained = held?.confirmed ?? 0;
  const lost = held?.lost ?? 0;
  const savesConfirmed = offers.reduce((n, o) => n + o.savesConfirmed, 0);
  return {
    offers,
    holdout: {
      percent: settings.holdout_percent,
      cases: totals.heldOut,
      retained,
      lost,
      pending: held?.pending ?? 0,
      retentionRate: ratio(retained, retained + lost),
    },
    offered: { cases: totals.offered, savesConfirmed, saveRate: ratio(savesConfirmed, totals.offered) },
  };
}
