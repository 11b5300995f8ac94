// Phone numbers as the gateways take them. Households' numbers are stored in E.164 (+628…); SMPP
// wants the digits without the plus (TON 1 international, NPI 1 ISDN). A number that is not E.164
// is refused before it reaches a gateway: an operator would bill the attempt and answer
// ESME_RINVDSTADR, or worse, deliver a national-format number to the wrong country.

const E164 = /^\+[1-9]\d{6,14}$/;

/** The digits of an E.164 number without the plus, or undefined when `phone` is not E.164. */
export function e164Digits(phone: string): string | undefined {
  return E164.test(phone) ? phone.slice(1) : undefined;
}

export const NOT_E164_REASON = 'the phone number is not in E.164 form (+ and 7 to 15 digits)';
