/** Year bounds of the dataset (plain constants, so handlers can use them without loading zod). */
export const MIN_YEAR = 1800;
/** The article was compiled in August 2006; it cannot report a founding after that year. */
export const MAX_ARTICLE_YEAR = 2006;
/** Context notes may speak of later events (the 2010 and 2014 mergers), but not of the future. */
export const MAX_CONTEXT_YEAR = 2030;
