// A quake as a CAP message Siaga issues itself (writeCap), which then takes the same road as
// BMKG's own CAP: check, store, lineage, targeting. Two info blocks, Indonesian and English, with
// the same areas: one circle per felt level from MMI IV up that the quake reaches (feltArea),
// centred on the epicentre, so targeting reaches the households that felt it.
//
//   urgency    Past for a felt quake (the shaking is over; what is left is checking on people and
//              aftershocks); Immediate when BMKG states a tsunami potential or warning.
//   severity   from the highest MMI, predicted at the epicentre or reported by BMKG (Dirasakan):
//              VIII and up Extreme, VI-VII Severe, V Moderate, below Minor; a tsunami potential
//              or warning is at least Severe.
//   certainty  Observed: the quake happened and was measured.
//   sent       the safe reading of BMKG's times (read-report-times.ts): the later of the origin and
//              BMKG's send time (InaTEWS `timesent`), neither ahead of the clock; an Update one
//              second after the message it revises at least. A message about a quake is thereby
//              never sent "after" it expires, and a replay writes the same message again.
//   onset      the origin (as read: a quake time ahead of the clock is not shown as a future onset).
//   expires    sent + 6 h. The message is about what to do after a quake: aftershock rates fall
//              steeply within hours (Omori), BMKG's revisions come within the first hour, and
//              InaTEWS ends its tsunami warnings within about 2-4 h (Nagekeo M7.7: PD-1 at
//              05:00, ended 07:31 WIB). After 6 h the quake is history, and a message still
//              "in force" would keep showing as active to residents and Tagana: a quake older
//              than that is stored as history, already expired, and warns nobody.
// Magnitude and depth travel as parameters, with the origin time and the key.
import type { CapDraft, CapDraftArea, CapDraftInfo } from '../../cap/write-cap.ts';
import { feltArea } from './felt-area.ts';
import { formatWib } from '../../time/format-wib.ts';
import { mmiRoman } from './mmi-roman.ts';
import { predictMmi } from './predict-mmi.ts';
import type { QuakeEvent, TsunamiPotential } from './quake-types.ts';
import { readFeltMmi } from './read-felt-mmi.ts';
import { readReportTimes, type ReportTimes } from './read-report-times.ts';
import { isoUtcBasicSeconds } from '../../time/iso-utc.ts';

export interface QuakeCapOptions {
  /** Siaga's CAP sender. */
  sender: string;
  /** Siaga's clock: it names a revision, and no time of BMKG's may lie ahead of it. */
  now: Date;
  /** BMKG's times as read (readReportTimes, with the bulletin's `timesent` when there is one); by default the origin alone. */
  times?: Pick<ReportTimes, 'sentMs' | 'eventMs'>;
  /** Siaga's earlier message about this quake: the result is an Update referencing it (matchKnownQuake said `revision`). */
  previous?: { identifier: string; sent: Date };
  /** A note for the message, e.g. what the revision changed. */
  note?: string;
}

type Language = 'id' | 'en';

/** How long a quake message stays in force after it is sent, ms (see the file comment). */
export const QUAKE_MESSAGE_LIFETIME_MS = 6 * 3_600_000;

/** The CAP draft for one quake; pass it to writeCap. */
export function quakeToCap(event: QuakeEvent, options: QuakeCapOptions): CapDraft {
  const times =
    options.times ??
    readReportTimes({ eventAt: event.originTime, now: options.now, lifetimeMs: QUAKE_MESSAGE_LIFETIME_MS, at: `quake ${event.key}` });
  const sent = new Date(Math.max(times.sentMs, options.previous ? options.previous.sent.getTime() + 1000 : 0));
  const base = `siaga-quake-${event.key}`;
  const identifier = options.previous ? `${base}-r${isoUtcBasicSeconds(options.now.getTime())}` : base;
  if (options.previous?.identifier === identifier)
    throw new Error(
      `quakeToCap: the update would have the identifier of the message it updates (${identifier}); send it at a later second.`,
    );

  const radii = feltArea(event);
  const circles = radii.filter((r) => r.mmi >= 4 && r.radiusKm > 0);
  const predictedMax = predictMmi(event.magnitude, Math.max(event.depthKm, 0));
  const maxMmi = Math.max(predictedMax, readFeltMmi(event.felt) ?? 0);
  const threat = event.tsunami === 'warning' || event.tsunami === 'potential';
  const severity = severityOf(maxMmi, threat);

  const info = (language: Language): CapDraftInfo => ({
    language,
    category: ['Geo'],
    event: language === 'id' ? 'Gempa Bumi' : 'Earthquake',
    responseType: threat ? ['Evacuate'] : ['Monitor'],
    urgency: threat ? 'Immediate' : 'Past',
    severity,
    certainty: 'Observed',
    onset: new Date(times.eventMs),
    expires: new Date(sent.getTime() + QUAKE_MESSAGE_LIFETIME_MS),
    senderName: language === 'id' ? 'Siaga, dari data gempa BMKG' : 'Siaga, from BMKG earthquake data',
    headline: headline(event, language),
    description: description(event, circles, language),
    instruction: INSTRUCTIONS[event.tsunami][language],
    ...(event.shakemapUrl !== undefined && { web: event.shakemapUrl }),
    parameters: [
      { valueName: 'magnitude', value: String(event.magnitude) },
      { valueName: 'depthKm', value: String(event.depthKm) },
      { valueName: 'originTime', value: event.originTime },
      { valueName: 'tsunamiPotential', value: event.tsunami },
      { valueName: 'mmiMax', value: maxMmi.toFixed(1) },
      { valueName: 'siagaQuakeKey', value: event.key },
    ],
    areas: circles.map((c): CapDraftArea => ({
      areaDesc: language === 'id' ? `Dirasakan MMI ${mmiRoman(c.mmi)}` : `Felt MMI ${mmiRoman(c.mmi)}`,
      // Rounded up to 0.1 km: the circle may only grow by rounding, never cut anyone out.
      circles: [{ lat: event.lat, lon: event.lon, radiusKm: Math.ceil(c.radiusKm * 10) / 10 }],
    })),
  });

  const testNote = event.test ? 'BMKG marked this event as a test; nobody is to act on it.' : undefined;
  const note = [testNote, options.note].filter((n) => n !== undefined && n !== '').join(' ');
  return {
    identifier,
    sender: options.sender,
    sent,
    status: event.test ? 'Test' : 'Actual',
    msgType: options.previous ? 'Update' : 'Alert',
    source: `BMKG ${event.source}${event.eventId !== undefined ? ` ${event.eventId}` : ''}`,
    ...(note !== '' && { note }),
    ...(options.previous && {
      references: [{ sender: options.sender, identifier: options.previous.identifier, sent: options.previous.sent }],
    }),
    infos: [info('id'), info('en')],
  };
}

function severityOf(mmi: number, tsunamiThreat: boolean): string {
  const byShaking = mmi >= 8 ? 'Extreme' : mmi >= 6 ? 'Severe' : mmi >= 5 ? 'Moderate' : 'Minor';
  if (tsunamiThreat && (byShaking === 'Minor' || byShaking === 'Moderate')) return 'Severe';
  return byShaking;
}

function headline(event: QuakeEvent, language: Language): string {
  const m = magnitudeText(event.magnitude, language);
  const lead =
    language === 'id'
      ? event.tsunami === 'warning'
        ? `Gempa M${m}, peringatan tsunami`
        : event.tsunami === 'potential'
          ? `Gempa M${m} berpotensi tsunami`
          : `Gempa M${m}`
      : event.tsunami === 'warning'
        ? `M${m} earthquake, tsunami warning`
        : event.tsunami === 'potential'
          ? `M${m} earthquake, tsunami possible`
          : `M${m} earthquake`;
  const text = `${event.test ? '[UJI/TEST] ' : ''}${lead}: ${event.region}`;
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function description(event: QuakeEvent, circles: { mmi: number; radiusKm: number }[], language: Language): string {
  const m = magnitudeText(event.magnitude, language);
  const when = formatWib(event.originTime, language);
  const place = `${degrees(Math.abs(event.lat), language)}° ${event.lat < 0 ? (language === 'id' ? 'LS' : 'S') : language === 'id' ? 'LU' : 'N'} ${degrees(Math.abs(event.lon), language)}° ${event.lon < 0 ? (language === 'id' ? 'BB' : 'W') : language === 'id' ? 'BT' : 'E'}`;
  const depth = degrees(event.depthKm, language, 0);
  const reach = circles
    .map((c) => `MMI ${mmiRoman(c.mmi)} ${language === 'id' ? 'hingga sekitar' : 'up to about'} ${Math.round(c.radiusKm)} km`)
    .join(', ');
  if (language === 'id') {
    return [
      event.test ? 'UJI: BMKG menandai kejadian ini sebagai uji, bukan gempa sungguhan.' : '',
      `Telah terjadi gempa bumi bermagnitudo ${m} pada ${when}, di kedalaman ${depth} km, pusat gempa ${place} (${event.region}).`,
      event.potensi !== undefined ? `Keterangan BMKG: ${event.potensi}.` : '',
      event.felt !== undefined ? `Dirasakan (skala MMI): ${event.felt}.` : '',
      circles.length > 0
        ? `Perkiraan Siaga dari magnitudo dan kedalaman (persamaan intensitas Allen dkk., 2012): guncangan ${reach} dari pusat gempa.`
        : 'Perkiraan Siaga dari magnitudo dan kedalaman (persamaan intensitas Allen dkk., 2012): guncangan di bawah MMI IV, juga di pusat gempa.',
      'Pesan ini disusun Siaga dari data gempa BMKG dan bukan peringatan resmi BMKG. Sumber data: BMKG (Badan Meteorologi, Klimatologi, dan Geofisika).',
    ]
      .filter((s) => s !== '')
      .join(' ');
  }
  return [
    event.test ? 'TEST: BMKG marked this event as a test, not a real earthquake.' : '',
    `An earthquake of magnitude ${m} occurred on ${when}, ${depth} km deep, epicentre ${place} (${event.region}).`,
    event.potensi !== undefined ? `BMKG says: "${event.potensi}"${POTENSI_EN[event.tsunami]}.` : '',
    event.felt !== undefined ? `Felt (MMI scale): ${event.felt}.` : '',
    circles.length > 0
      ? `Siaga's estimate from magnitude and depth (Allen et al. 2012 intensity equation): shaking of ${reach} from the epicentre.`
      : "Siaga's estimate from magnitude and depth (Allen et al. 2012 intensity equation): shaking below MMI IV, even at the epicentre.",
    'This message was prepared by Siaga from BMKG earthquake data; it is not an official BMKG warning. Data source: BMKG (Indonesian Agency for Meteorology, Climatology and Geophysics).',
  ]
    .filter((s) => s !== '')
    .join(' ');
}

const POTENSI_EN: Record<TsunamiPotential, string> = {
  none: ' (no tsunami potential)',
  potential: ' (the quake may cause a tsunami)',
  warning: ' (tsunami warning)',
  unknown: '',
};

const FELT = {
  id: 'Periksa keadaan tetangga yang lanjut usia dan penyandang disabilitas. Waspadai gempa susulan: jangan masuk ke bangunan yang retak atau rusak, dan periksa kebocoran gas serta kerusakan listrik sebelum kembali ke dalam rumah. Ikuti informasi resmi dari BMKG dan BPBD, dan jangan mudah percaya kabar yang tidak jelas sumbernya.',
  en: 'Check on elderly and disabled neighbours. Beware of aftershocks: stay out of cracked or damaged buildings, and check for gas leaks and electrical damage before going back inside. Follow official information from BMKG and BPBD, and do not trust rumours.',
};

const COAST = {
  id: 'Bila Anda berada di pantai atau dekat tepian sungai, segera menjauh menuju tempat yang tinggi atau tempat evakuasi tsunami, berjalan kaki bila bisa. Jangan menunggu air laut surut dan jangan mendekat untuk melihat gelombang. Bantu tetangga yang lanjut usia, penyandang disabilitas, dan anak-anak ikut mengungsi. Tetap di tempat tinggi sampai BMKG atau BPBD menyatakan peringatan berakhir, dan waspadai gempa susulan.',
  en: 'If you are on the coast or near a riverbank, move away now to high ground or a tsunami evacuation site, on foot if you can. Do not wait for the sea to recede and do not go to watch the waves. Help elderly and disabled neighbours and children to leave. Stay on high ground until BMKG or BPBD declares the warning over, and beware of aftershocks.',
};

const INSTRUCTIONS: Record<TsunamiPotential, Record<Language, string>> = {
  none: FELT,
  unknown: FELT,
  potential: COAST,
  warning: COAST,
};

function magnitudeText(magnitude: number, language: Language): string {
  return degrees(magnitude, language, 1);
}

/** A number with `digits` decimals (2 by default), with a decimal comma in Indonesian. */
function degrees(value: number, language: Language, digits = 2): string {
  const text = value.toFixed(digits);
  return language === 'id' ? text.replace('.', ',') : text;
}
