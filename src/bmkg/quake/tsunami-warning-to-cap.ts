// An InaTEWS tsunami bulletin as a CAP message Siaga issues itself, over the kabupaten/kota (or
// kecamatan) codes its warning zones were resolved to (matchRegionName, with the database's names).
// CAP carries severity per info block, so each warning level gets its own pair of info blocks
// (Indonesian and English), each with one area geocoded by Kemendagri code:
//   AWAS    (wave expected above 3 m)   Extreme   full evacuation
//   SIAGA   (0.5-3 m)                   Severe    evacuation
//   WASPADA (below 0.5 m)               Moderate  stay away from beaches and riverbanks
// Urgency is Immediate; certainty Observed once BMKG reports the tsunami on tide gauges (PD-3.x,
// "telah terdeteksi"), else Likely (a modelled warning). A code listed at two levels ("X bagian
// utara" SIAGA, "X bagian selatan" WASPADA resolve to one kabupaten) is kept at the higher level only.
// The geocode's valueName follows the code's level: ADM2 for a kabupaten/kota, ADM3 for a kecamatan.
//
// When BMKG declares the warning over (PD-4, "dinyatakan telah berakhir") the result is a Cancel of
// Siaga's previous message with an all-clear text. Warnings expire 6 h after sending: an active
// warning must not lapse on its own before BMKG ends it, and every new bulletin (an Update) renews it.
// The sending time is the caller's safe reading of BMKG's times (read-report-times.ts); an expected
// arrival that contradicts it is left out of the onset (tsunami-arrivals.ts).
import type { CapDraft, CapDraftArea, CapDraftInfo } from '../../cap/write-cap.ts';
import { parseAdminCode, type AdminLevel } from '../../registry/admin-code.ts';
import { formatWib } from '../../time/format-wib.ts';
import type { InatewsBulletin, TsunamiLevel } from './quake-types.ts';
import { isoUtcBasicSeconds } from '../../time/iso-utc.ts';
import { arrivalFits, type ArrivalWindow } from './tsunami-arrivals.ts';

export interface TsunamiCapOptions {
  sender: string;
  /** The sending time; the message expires 6 h later. */
  now: Date;
  /** The quake's time as read (readReportTimes), when it is not BMKG's origin time. */
  eventAt?: Date;
  /** Siaga's earlier message about this tsunami: an Update (or, for an ended warning, a Cancel) references it. */
  previous?: { identifier: string; sent: Date };
}

type Language = 'id' | 'en';

const LEVELS: readonly TsunamiLevel[] = ['AWAS', 'SIAGA', 'WASPADA'];
const SEVERITY: Record<TsunamiLevel, string> = { AWAS: 'Extreme', SIAGA: 'Severe', WASPADA: 'Moderate' };
const GEOCODE: Record<AdminLevel, string> = { province: 'ADM1', regency: 'ADM2', district: 'ADM3', village: 'ADM4' };
export const TSUNAMI_MESSAGE_LIFETIME_MS = 6 * 3_600_000;

/** The CAP draft for one tsunami bulletin over resolved zones; throws on an unusable request (no zones, bad codes, an all-clear with nothing to cancel). */
export function tsunamiWarningToCap(
  bulletin: InatewsBulletin,
  zones: readonly { level: TsunamiLevel; code: string }[],
  options: TsunamiCapOptions,
): CapDraft {
  const { event } = bulletin;
  const ended = bulletin.kind === 'tsunami-ended';
  if (bulletin.kind === 'quake')
    throw new Error('tsunamiWarningToCap: the bulletin is a quake report, not a tsunami bulletin; use quakeToCap.');
  if (ended && !options.previous)
    throw new Error('tsunamiWarningToCap: BMKG ended the warning, but no previous message was given to cancel.');
  const byCode = highestLevelPerCode(zones);
  if (!ended && byCode.size === 0)
    throw new Error(
      `tsunamiWarningToCap: no warning zone of ${event.key} was resolved to a code; a warning that reaches nobody must not be sent silently.`,
    );

  const base = `siaga-tsunami-${event.key}`;
  const identifier = ended
    ? `${base}-c${isoUtcBasicSeconds(options.now.getTime())}`
    : options.previous
      ? `${base}-u${isoUtcBasicSeconds(options.now.getTime())}`
      : base;
  if (options.previous?.identifier === identifier)
    throw new Error(
      `tsunamiWarningToCap: the message would have the identifier of the one it refers to (${identifier}); send it at a later second.`,
    );

  const infos: CapDraftInfo[] = [];
  if (ended) {
    for (const language of ['id', 'en'] as const) {
      const area = areaOf([...byCode.keys()], language === 'id' ? 'Wilayah peringatan tsunami' : 'Tsunami warning areas');
      infos.push(endedInfo(bulletin, language, area ? [area] : []));
    }
  } else {
    const window: ArrivalWindow = {
      eventMs: options.eventAt?.getTime() ?? Date.parse(event.originTime),
      expiresMs: options.now.getTime() + TSUNAMI_MESSAGE_LIFETIME_MS,
    };
    for (const level of LEVELS) {
      const codes = [...byCode].filter(([, l]) => l === level).map(([code]) => code);
      if (codes.length === 0) continue;
      for (const language of ['id', 'en'] as const) infos.push(warningInfo(bulletin, level, codes, language, window));
    }
  }
  return {
    identifier,
    sender: options.sender,
    sent: options.now,
    status: event.test ? 'Test' : 'Actual',
    msgType: ended ? 'Cancel' : options.previous ? 'Update' : 'Alert',
    source: `BMKG InaTEWS ${bulletin.stage ?? ''} ${event.eventId ?? ''}`.replace(/\s+/g, ' ').trim(),
    ...(event.test && { note: 'BMKG marked this bulletin as a test; nobody is to act on it.' }),
    ...(options.previous && {
      references: [{ sender: options.sender, identifier: options.previous.identifier, sent: options.previous.sent }],
    }),
    infos,
  };
}

function highestLevelPerCode(zones: readonly { level: TsunamiLevel; code: string }[]): Map<string, TsunamiLevel> {
  const out = new Map<string, TsunamiLevel>();
  for (const zone of zones) {
    const code = parseAdminCode(zone.code);
    if (!code) throw new Error(`tsunamiWarningToCap: "${zone.code}" is not a Kemendagri code`);
    if (!LEVELS.includes(zone.level)) throw new Error(`tsunamiWarningToCap: "${String(zone.level)}" is not AWAS, SIAGA or WASPADA`);
    const had = out.get(code.code);
    if (had === undefined || LEVELS.indexOf(zone.level) < LEVELS.indexOf(had)) out.set(code.code, zone.level);
  }
  return out;
}

function areaOf(codes: string[], areaDesc: string): CapDraftArea | undefined {
  if (codes.length === 0) return undefined;
  return {
    areaDesc,
    geocodes: codes.map((code) => {
      const read = parseAdminCode(code);
      if (!read) throw new Error(`tsunamiWarningToCap: "${code}" is not a Kemendagri code`);
      return { valueName: GEOCODE[read.level], value: read.code };
    }),
  };
}

function warningInfo(
  bulletin: InatewsBulletin,
  level: TsunamiLevel,
  codes: string[],
  language: Language,
  window: ArrivalWindow,
): CapDraftInfo {
  const { event } = bulletin;
  const names = bulletin.zones.filter((z) => z.level === level);
  const arrival = names
    .map((z) => (z.expectedAt === undefined ? NaN : Date.parse(z.expectedAt)))
    .filter((ms) => Number.isFinite(ms) && arrivalFits(ms, window));
  const area = areaOf(codes, language === 'id' ? `Wilayah berstatus ${level}` : `Areas at ${level} level`);
  return {
    language,
    category: ['Geo'],
    event: language === 'id' ? 'Peringatan Dini Tsunami' : 'Tsunami Warning',
    responseType: level === 'WASPADA' ? ['Avoid'] : ['Evacuate'],
    urgency: 'Immediate',
    severity: SEVERITY[level],
    certainty: bulletin.observed ? 'Observed' : 'Likely',
    ...(arrival.length > 0 && { onset: new Date(Math.min(...arrival)) }),
    expires: new Date(window.expiresMs),
    senderName:
      language === 'id' ? 'Siaga, dari peringatan dini tsunami BMKG (InaTEWS)' : 'Siaga, from BMKG tsunami early warning (InaTEWS)',
    headline: `${event.test ? '[UJI/TEST] ' : ''}${language === 'id' ? `Peringatan dini tsunami, status ${level}` : `Tsunami warning, ${level} level`}`,
    description: warningDescription(
      bulletin,
      level,
      names.map((z) => z.district),
      language,
    ),
    instruction: LEVEL_INSTRUCTIONS[level][language],
    parameters: [
      { valueName: 'tsunamiLevel', value: level },
      ...(bulletin.stage !== undefined ? [{ valueName: 'bmkgStage', value: bulletin.stage }] : []),
      { valueName: 'magnitude', value: String(event.magnitude) },
      { valueName: 'depthKm', value: String(event.depthKm) },
      { valueName: 'originTime', value: event.originTime },
      { valueName: 'siagaQuakeKey', value: event.key },
    ],
    areas: area ? [area] : [],
  };
}

function endedInfo(bulletin: InatewsBulletin, language: Language, areas: CapDraftArea[]): CapDraftInfo {
  const { event } = bulletin;
  const m = number(event.magnitude, language, 1);
  const when = formatWib(event.originTime, language);
  return {
    language,
    category: ['Geo'],
    event: language === 'id' ? 'Peringatan Dini Tsunami' : 'Tsunami Warning',
    responseType: ['AllClear'],
    urgency: 'Past',
    severity: 'Minor',
    certainty: 'Observed',
    senderName:
      language === 'id' ? 'Siaga, dari peringatan dini tsunami BMKG (InaTEWS)' : 'Siaga, from BMKG tsunami early warning (InaTEWS)',
    headline: `${event.test ? '[UJI/TEST] ' : ''}${language === 'id' ? 'Peringatan dini tsunami telah berakhir' : 'Tsunami warning has ended'}`,
    description:
      language === 'id'
        ? `BMKG menyatakan peringatan dini tsunami akibat gempa bermagnitudo ${m} pada ${when} (${event.region}) telah berakhir. Sumber data: BMKG (Badan Meteorologi, Klimatologi, dan Geofisika).`
        : `BMKG has declared the tsunami warning for the magnitude ${m} earthquake of ${when} (${event.region}) over. Data source: BMKG (Indonesian Agency for Meteorology, Climatology and Geophysics).`,
    instruction:
      language === 'id'
        ? 'Kembali ke rumah hanya setelah BPBD atau petugas setempat menyatakan aman. Waspadai gempa susulan dan bangunan yang rusak, dan periksa keadaan tetangga yang lanjut usia dan penyandang disabilitas.'
        : 'Go home only once BPBD or local officials say it is safe. Beware of aftershocks and damaged buildings, and check on elderly and disabled neighbours.',
    areas,
  };
}

function warningDescription(bulletin: InatewsBulletin, level: TsunamiLevel, districts: string[], language: Language): string {
  const { event } = bulletin;
  const m = number(event.magnitude, language, 1);
  const when = formatWib(event.originTime, language);
  const stage = bulletin.stage === undefined ? '' : ` (${bulletin.stage})`;
  const seen = bulletin.observations.map(
    (o) => `${o.location} ${number(o.heightM, language, 2)} m${o.observedAt === undefined ? '' : ` (${clockWib(o.observedAt, language)})`}`,
  );
  if (language === 'id') {
    return [
      event.test ? 'UJI: BMKG menandai buletin ini sebagai uji, bukan peringatan sungguhan.' : '',
      `Peringatan dini tsunami BMKG${stage} akibat gempa bermagnitudo ${m} pada ${when}, kedalaman ${number(event.depthKm, language, 0)} km, ${event.region}.`,
      `Status ${level}: ${WAVE.id[level]}.`,
      districts.length > 0 ? `Wilayah berstatus ${level} menurut BMKG: ${districts.join(', ')}.` : '',
      seen.length > 0 ? `Tsunami telah terdeteksi: ${seen.join(', ')}.` : '',
      'Sumber data: BMKG (Badan Meteorologi, Klimatologi, dan Geofisika).',
    ]
      .filter((s) => s !== '')
      .join(' ');
  }
  return [
    event.test ? 'TEST: BMKG marked this bulletin as a test, not a real warning.' : '',
    `BMKG tsunami early warning${stage} after the magnitude ${m} earthquake of ${when}, ${number(event.depthKm, language, 0)} km deep, ${event.region}.`,
    `${level} level: ${WAVE.en[level]}.`,
    districts.length > 0 ? `Areas at ${level} level according to BMKG: ${districts.join(', ')}.` : '',
    seen.length > 0 ? `The tsunami has been observed: ${seen.join(', ')}.` : '',
    'Data source: BMKG (Indonesian Agency for Meteorology, Climatology and Geophysics).',
  ]
    .filter((s) => s !== '')
    .join(' ');
}

const WAVE: Record<Language, Record<TsunamiLevel, string>> = {
  id: {
    AWAS: 'perkiraan tinggi gelombang lebih dari 3 m',
    SIAGA: 'perkiraan tinggi gelombang 0,5 sampai 3 m',
    WASPADA: 'perkiraan tinggi gelombang kurang dari 0,5 m',
  },
  en: { AWAS: 'waves over 3 m expected', SIAGA: 'waves of 0.5 to 3 m expected', WASPADA: 'waves under 0.5 m expected' },
};

const LEVEL_INSTRUCTIONS: Record<TsunamiLevel, Record<Language, string>> = {
  AWAS: {
    id: 'Segera mengungsi, semua orang: tinggalkan pantai dan tepian sungai menuju tempat yang tinggi atau tempat evakuasi tsunami sekarang, berjalan kaki bila bisa. Bantu tetangga yang lanjut usia, penyandang disabilitas, dan anak-anak. Jangan kembali sampai BMKG atau BPBD menyatakan peringatan berakhir.',
    en: 'Evacuate now, everyone: leave the coast and riverbanks for high ground or a tsunami evacuation site, on foot if you can. Help elderly and disabled neighbours and children. Do not return until BMKG or BPBD declares the warning over.',
  },
  SIAGA: {
    id: 'Segera mengungsi dari pantai dan tepian sungai ke tempat yang lebih tinggi atau tempat evakuasi tsunami. Bantu tetangga yang lanjut usia, penyandang disabilitas, dan anak-anak. Jangan kembali sampai BMKG atau BPBD menyatakan peringatan berakhir.',
    en: 'Evacuate from the coast and riverbanks to higher ground or a tsunami evacuation site now. Help elderly and disabled neighbours and children. Do not return until BMKG or BPBD declares the warning over.',
  },
  WASPADA: {
    id: 'Jauhi pantai dan tepian sungai, dan jangan turun ke pantai untuk melihat gelombang. Ikuti arahan BPBD dan BMKG.',
    en: 'Keep away from beaches and riverbanks, and do not go down to watch the waves. Follow BPBD and BMKG instructions.',
  },
};

/** `05.41 WIB` (id) or `05:41 WIB` (en). */
function clockWib(iso: string, language: Language): string {
  const t = new Date(Date.parse(iso) + 7 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(t.getUTCHours())}${language === 'id' ? '.' : ':'}${pad(t.getUTCMinutes())} WIB`;
}

function number(value: number, language: Language, digits: number): string {
  const text = value.toFixed(digits);
  return language === 'id' ? text.replace('.', ',') : text;
}
