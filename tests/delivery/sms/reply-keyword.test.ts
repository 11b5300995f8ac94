// Reading a resident's SMS reply as people type it, and the sender's number as networks give it.
import { describe, expect, it } from 'vitest';
import { replyResponse } from '../../../src/delivery/sms/reply-keyword.ts';
import { senderE164 } from '../../../src/delivery/sms/sender-number.ts';

describe('the answer an SMS reply gives', () => {
  it.each([
    ['AMAN', 'safe'],
    ['aman.', 'safe'],
    ['  Amaaan 🙏', 'safe'],
    ['safe', 'safe'],
    ['BANTU', 'need_help'],
    ['Bantu!', 'need_help'],
    ['tolong kami', 'need_help'],
    ['tlg', 'need_help'],
    ['SOS', 'need_help'],
    ['HELP', 'need_help'],
    ['BANUT', 'need_help'],
    ['tidak aman', 'need_help'],
    ['aman tapi tolong', 'need_help'],
    ['TERIMA', 'received'],
    ['trima kasih', 'received'],
    ['ok', 'received'],
    ['Received', 'received'],
    ['TERIAM', 'received'],
    ['aman, terima kasih', 'safe'],
  ])('%j → %s', (text, response) => {
    expect(replyResponse(text)).toBe(response);
  });

  it.each([['selamat pagi'], ['AMAL'], ['IMAN'], ['halo?'], [''], ['siapa ini']])('%j names no answer', (text) => {
    expect(replyResponse(text)).toBeUndefined();
  });
});

describe('the sender as an E.164 number', () => {
  it.each<[string, number, string | undefined]>([
    ['6281234567890', 1, '+6281234567890'],
    ['6281234567890', 0, '+6281234567890'],
    ['+6281234567890', 0, '+6281234567890'],
    ['006281234567890', 0, '+6281234567890'],
    ['081234567890', 0, '+6281234567890'],
    ['81234567890', 2, '+6281234567890'],
    ['0812-3456-7890', 0, '+6281234567890'],
    ['BMKG', 5, undefined],
    ['3636', 0, undefined],
    ['12345', 1, undefined],
  ])('%j (TON %i) → %s', (raw, ton, e164) => {
    expect(senderE164(raw, ton)).toBe(e164);
  });
});
