// InaTEWS warning zones name their province by BMKG's abbreviation (NTT, SULSEL, JATIM, DIY). The
// Kemendagri province codes let a caller pass matchRegionName only that province's kabupaten/kota,
// which is what keeps same-named places in different provinces apart. Codes are those of the
// 2025 Kepmendagri list (fixtures/id-admin/SOURCES.md): Papua was split in 2022, and BMKG's older
// "PAPUA" / "PABAR" can mean any of the new provinces carved from them.

const CODES: Readonly<Record<string, readonly string[]>> = {
  ACEH: ['11'],
  NAD: ['11'],
  SUMUT: ['12'],
  SUMBAR: ['13'],
  RIAU: ['14'],
  JAMBI: ['15'],
  SUMSEL: ['16'],
  BENGKULU: ['17'],
  LAMPUNG: ['18'],
  BABEL: ['19'],
  BANGKABELITUNG: ['19'],
  KEPRI: ['21'],
  KEPULAUANRIAU: ['21'],
  DKI: ['31'],
  JAKARTA: ['31'],
  DKIJAKARTA: ['31'],
  JABAR: ['32'],
  JATENG: ['33'],
  DIY: ['34'],
  YOGYAKARTA: ['34'],
  JATIM: ['35'],
  BANTEN: ['36'],
  BALI: ['51'],
  NTB: ['52'],
  NTT: ['53'],
  KALBAR: ['61'],
  KALTENG: ['62'],
  KALSEL: ['63'],
  KALTIM: ['64'],
  KALTARA: ['65'],
  SULUT: ['71'],
  SULTENG: ['72'],
  SULSEL: ['73'],
  SULTRA: ['74'],
  GORONTALO: ['75'],
  SULBAR: ['76'],
  MALUKU: ['81'],
  MALUT: ['82'],
  PAPUA: ['91', '93', '94', '95'],
  PABAR: ['92', '96'],
  PAPUABARAT: ['92', '96'],
  PAPUASELATAN: ['93'],
  PAPUATENGAH: ['94'],
  PAPUAPEGUNUNGAN: ['95'],
  PAPUABARATDAYA: ['96'],
};

/** The Kemendagri province code(s) an InaTEWS province abbreviation stands for (`NTT` → ['53']); empty when unknown. */
export function inatewsProvinceCodes(abbreviation: string): readonly string[] {
  return CODES[abbreviation.toUpperCase().replace(/[^A-Z]/g, '')] ?? [];
}
