/** Plain value lists shared by the schema and the handlers (kept out of schema.ts so handlers need not load zod). */
export const TABLE_GROUPS = ['comprehensive', 'thematic', 'national'] as const;
export const ORG_TYPES = [...TABLE_GROUPS, 'other'] as const;
