/**
 * The two sample tenants (Test Company, ACME): deterministic, story-driven seed data for every screen,
 * template and test. See README.md in this folder for the decisions behind it.
 */
export * from './model';
export { generateSampleTenants, generateTenant, sampleSeries, outcomeKpis } from './generate';
export { sampleToLongCsv, LONG_CSV_HEADER } from './csv';
export { makeRandom, mulberry32, hashString, deriveSeed, type Random } from './random';
export {
  sampleDocuments,
  evidenceText,
  SEED_NODE_ID,
  type SampleDocuments,
  type SampleDocumentsOptions,
} from './documents';
