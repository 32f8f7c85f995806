/** The Vitals domain core. Pure: no I/O, no DOM, no Node APIs, no ambient time or randomness. */
export * from './units';
export * from './time/months';
export * from './kpi/catalog';
export * from './kpi/overrides';
export * from './health/rounding';
export * from './health/health';
export * from './health/portfolio';
export * from './text/normalize';
export * from './import/issues';
export * from './import/parse-value';
export * from './import/parse-month';
export * from './import/headers';
export * from './import/csv';
export * from './import/layouts/long';
export * from './import/series';
