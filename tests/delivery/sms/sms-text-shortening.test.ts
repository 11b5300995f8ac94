// Shortening without changing the meaning: whole sentences and clauses, area lists to their head.
import { describe, expect, it } from 'vitest';
import { adviceSentence, instructionVersions, sentences, shortArea } from '../../../src/delivery/sms/sms-text-shortening.ts';

describe('sentences', () => {
  it('does not split at times, decimals or abbreviations inside a sentence', () => {
    expect(sentences('Hujan mulai pukul 15.27 WIB s.d. malam, curah 1,5 mm. Waspada banjir.\n Tetap di rumah.')).toEqual([
      'Hujan mulai pukul 15.27 WIB s.d. malam, curah 1,5 mm.',
      'Waspada banjir.',
      'Tetap di rumah.',
    ]);
  });
});

describe('adviceSentence and instructionVersions', () => {
  it('finds BMKG advice in a description and shortens it clause by clause, lead removed', () => {
    const advice = adviceSentence(
      'Kondisi ini berpotensi menimbulkan banjir lokal. Masyarakat dihimbau untuk tetap waspada, mengurangi aktivitas di luar ruangan, serta mengambil langkah pencegahan.',
    );
    expect(instructionVersions(advice ?? '')).toEqual([
      'Tetap waspada, mengurangi aktivitas di luar ruangan, serta mengambil langkah pencegahan.',
      'Tetap waspada, mengurangi aktivitas di luar ruangan.',
      'Tetap waspada.',
    ]);
  });

  it('drops whole sentences before clauses', () => {
    expect(instructionVersions('Hindari pantai. Naik ke tempat tinggi, bawa dokumen.')).toEqual([
      'Hindari pantai. Naik ke tempat tinggi, bawa dokumen.',
      'Hindari pantai.',
    ]);
  });
});

describe('shortArea', () => {
  it('keeps the regency, or the first name with "dll"', () => {
    expect(shortArea('Deli Serdang: Percut Sei Tuan, Batang Kuis', 'dll')).toBe('Deli Serdang');
    expect(shortArea('Percut Sei Tuan, Batang Kuis', 'dll')).toBe('Percut Sei Tuan dll');
    expect(shortArea('Gorontalo; Bone Bolango', 'etc.')).toBe('Gorontalo etc.');
    expect(shortArea('Gorontalo', 'dll')).toBe('Gorontalo');
    expect(shortArea('  ', 'dll')).toBeUndefined();
  });
});
