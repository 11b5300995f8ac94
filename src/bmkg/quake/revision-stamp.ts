/** `YYYYMMDDTHHmmssZ` of a sending time: the suffix that gives an Update or Cancel its own identifier. */
export function revisionStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}
