/** Plans, limits and usage: the numbers of billing in one place. */
export * from './plans';
export * from './limits';
