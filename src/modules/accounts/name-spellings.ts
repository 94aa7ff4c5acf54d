// How a name the agent typed may be spelled in the records: each word of the query is matched to
// words of the name dictionary (name_tokens) by edit distance, and the combinations of those words
// ("spellings") are ranked, best first. Pure: the repository fetches the dictionary words and then
// the accounts bearing each spelling's words, a bounded number per spelling, never every account.

/** A dictionary word offered for a word of the query, with how similar its trigrams are (0–1). */
export interface CandidateWord {
  token: string;
  similarity: number;
}

/** A combination of dictionary words to look accounts up by, with its score (higher is closer). */
export interface Spelling {
  words: string[];
  score: number;
}

/** Spellings tried per query, best first: each is one bounded index probe. */
export const MAX_SPELLINGS = 24;
/** Partial spellings kept while combining the words of the query (a beam search). */
const BEAM = 48;
/** A word typed while the agent is still typing is matched as a prefix from this many letters on. */
const PREFIX_FROM = 3;

/** A spelling's words as the database's name_key() writes a name: distinct, in byte order. */
export function nameKey(words: string[]): string {
  return [...new Set(words)].sort().join(' ');
}

/** A folded umlaut (ae, oe, ue) back as one letter: typing Böhm as "Bhm" drops one letter, not two. */
const collapseUmlauts = (word: string) => word.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/ue/g, 'ü');

/**
 * Edits between a typed and a recorded word, a folded umlaut counting as one letter when that is
 * fewer ("bhm" is one edit from "boehm"; "manul" stays one from "manuel").
 */
export function wordDistance(a: string, b: string, max = 3): number {
  const direct = editDistance(a, b, max);
  if (direct <= 1) return direct;
  return Math.min(direct, editDistance(collapseUmlauts(a), collapseUmlauts(b), max));
}

/**
 * Restricted Damerau–Levenshtein distance (a swapped pair counts as one edit), or `max + 1` as soon
 * as the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0 || b.length === 0) return a.length + b.length;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/**
 * How well a dictionary word matches a word of the query: 1 for the word itself, 0.75 one edit away,
 * 0.7 when the query's last word is the start of it (the agent is still typing), 0.5 two edits away
 * (from four letters on), otherwise up to 0.4 by trigram similarity.
 */
export function wordScore(queryWord: string, candidate: CandidateWord, isLast: boolean): number {
  const distance = wordDistance(queryWord, candidate.token, 2);
  if (distance === 0) return 1;
  if (distance === 1) return 0.75;
  if (isLast && queryWord.length >= PREFIX_FROM && candidate.token.startsWith(queryWord)) return 0.7;
  if (distance === 2 && queryWord.length >= 4) return 0.5;
  return 0.4 * candidate.similarity;
}

/**
 * The spellings to try for the words of a query, best first: every word matched to one of its
 * candidates or, with more than one word, left out (a middle name the records do not have). Two
 * query words never map to the same dictionary word; spellings with the same words are one.
 */
export function rankSpellings(queryWords: string[], candidates: CandidateWord[][]): Spelling[] {
  let beam: Array<{ words: string[]; score: number }> = [{ words: [], score: 0 }];
  queryWords.forEach((word, i) => {
    const options = (candidates[i] ?? []).map((c) => ({
      token: c.token,
      score: wordScore(word, c, i === queryWords.length - 1),
    }));
    const next: typeof beam = [];
    for (const partial of beam) {
      if (queryWords.length > 1) next.push(partial);
      for (const o of options)
        if (!partial.words.includes(o.token))
          next.push({ words: [...partial.words, o.token], score: partial.score + o.score });
    }
    beam = next.sort((a, b) => b.score - a.score).slice(0, BEAM);
  });
  const seen = new Set<string>();
  const spellings: Spelling[] = [];
  for (const s of beam) {
    if (s.words.length === 0) continue;
    const key = [...s.words].sort().join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    spellings.push({ words: s.words, score: s.score });
  }
  return spellings.slice(0, MAX_SPELLINGS);
}

/**
 * The score a spelling needs to be listed: close to the best spelling that has accounts (within one
 * word's worth and three quarters of its score) and to the best spelling there is (three quarters),
 * so a weaker spelling shows only when nothing closer exists, and a name nobody bears does not
 * turn into everyone sharing one of its words.
 */
export function scoreCutoff(bestWithAccounts: number, bestThereIs: number): number {
  return Math.max(bestWithAccounts - 1, bestWithAccounts * 0.75, bestThereIs * 0.75);
}

/** An account found under a spelling whose score is below the cutoff is still listed if its whole name is this similar. */
export const WHOLE_NAME_SIMILARITY = 0.5;

/** What orderBySpelling needs of a found row. */
export interface SpellingHit {
  /** One entry per key in the result. */
  key: string;
  /** The folded name it was found under. */
  name: string;
  /** Trigram similarity of that name to the query (0–1). */
  similarity: number;
}

/**
 * Orders the accounts found per spelling: by the spelling's score, the exact name first, then
 * spellings of equal score take turns (so namesakes of one spelling cannot push out an equally close
 * other spelling), each spelling's accounts in the order given. Spellings below the cutoff list only
 * accounts whose whole name is similar to the query. An account found under several
 * spellings appears once, under its best.
 */
export function orderBySpelling<T extends SpellingHit>(
  spellings: Spelling[],
  found: T[][],
  folded: string,
  limit: number,
): T[] {
  const withAccounts = spellings.filter((_, i) => (found[i]?.length ?? 0) > 0);
  if (withAccounts.length === 0) return [];
  const cutoff = scoreCutoff(
    Math.max(...withAccounts.map((s) => s.score)),
    Math.max(...spellings.map((s) => s.score)),
  );
  const entries: Array<{ row: T; score: number; exact: boolean; turn: number; spelling: number }> = [];
  spellings.forEach((s, i) => {
    const close = s.score >= cutoff - 1e-9;
    (found[i] ?? []).forEach((row, turn) => {
      if (close || row.similarity >= WHOLE_NAME_SIMILARITY)
        entries.push({ row, score: s.score, exact: row.name === folded, turn, spelling: i });
    });
  });
  entries.sort(
    (a, b) =>
      b.score - a.score || Number(b.exact) - Number(a.exact) || a.turn - b.turn || a.spelling - b.spelling,
  );
  const seen = new Set<string>();
  const out: T[] = [];
  for (const e of entries) {
    if (seen.has(e.row.key)) continue;
    seen.add(e.row.key);
    out.push(e.row);
    if (out.length === limit) break;
  }
  return out;
}
