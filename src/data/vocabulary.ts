/**
 * Words too common in the dataset's names to identify an organization or place alone: "城市" or "city"
 * is in dozens of names, so a query made only of such words gets candidates, never a confident answer,
 * and never counts as a mention inside a question. Chosen on the labelled query set
 * (tests/fixtures/queries.ts); written as the names write them (the search folds Traditional and
 * Simplified, case and spacing alike).
 */
export const COMMON_NAME_WORDS: readonly string[] = [
  // Chinese
  '城市',
  '國際',
  '聯盟',
  '組織',
  '協會',
  '世界',
  '全國',
  '地方',
  '政府',
  '委員會',
  '網路',
  '城',
  '市',
  '縣',
  '臺灣',
  // English
  'city',
  'cities',
  'international',
  'alliance',
  'league',
  'association',
  'world',
  'organization',
  'organisation',
  'council',
  'network',
  'of',
  'the',
  'and',
  'for',
  'in',
  'local',
  'government',
  'governments',
  'national',
  'union',
  'conference',
  'federation',
  'county',
  'taiwan',
];
