/**
 * Units as types. A `Month` is not just any string and money is not a float: the brands make the
 * compiler catch a `'2025-9'` or a dollar amount passed where cents are expected.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A calendar month, `YYYY-MM`. Build one with `parseMonth` or `month`. */
export type Month = Brand<string, 'Month'>;

/** A calendar day, `YYYY-MM-DD`. */
export type IsoDate = Brand<string, 'IsoDate'>;

/** Money in integer minor units (cents). Never a float. */
export type Cents = Brand<number, 'Cents'>;

export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Money must be a whole number of cents, got ${value}`);
  return value as Cents;
}

/** Converts a currency amount in major units (e.g. dollars, possibly fractional) to cents, rounding half away from zero. */
export function toCents(major: number): Cents {
  return cents(Math.sign(major) * Math.round(Math.abs(major) * 100));
}
