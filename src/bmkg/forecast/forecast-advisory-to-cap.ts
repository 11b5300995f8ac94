// A forecast advisory as a CAP message Siaga issues itself (writeCap), which then takes the same
// road as BMKG's own CAP: check, store, lineage, targeting. The message names its village by code
// (geocode ADM4), so targeting reaches exactly that village's households.
//
// Severity is Moderate for both kinds: CAP's "possible threat to life or property". BMKG rates its
// own nowcast for an observed thunderstorm with heavy rain Moderate (fixture CGT20260924002); a
// model forecast for one village, hours ahead, is not more certain or more severe than that, so it
// never outranks BMKG's warnings. Certainty is Likely: the forecast names this village and window.
// Urgency is Immediate when the window opens within the hour, else Expected.
import type { CapDraft, CapDraftInfo } from '../../cap/write-cap.ts';
import { formatLocalWindow } from './format-local-window.ts';
import type { AdvisoryKind, ForecastAdvisory, ForecastLocation } from './forecast-types.ts';

export interface AdvisoryCapOptions {
  /** Siaga's CAP sender (config SIAGA_SENDER). */
  sender: string;
  /** The sending time. */
  now: Date;
  /** The message this one re-issues with changes: the result is an Update that references it. */
  previous?: { identifier: string; sent: Date; sender?: string };
}

type Language = 'id' | 'en';

const TEXT: Record<AdvisoryKind, Record<Language, { event: string; phrase: string; impact: string; instruction: string }>> = {
  'heavy-rain': {
    id: {
      event: 'Hujan Lebat',
      phrase: 'hujan lebat',
      impact: 'Hujan lebat dapat menimbulkan genangan, banjir, dan tanah longsor di daerah rawan.',
      instruction:
        'Jauhi bantaran sungai, saluran air, dan lereng curam. Bila rumah Anda di daerah rawan banjir atau longsor, siapkan dokumen penting dan rencana mengungsi, dan ikuti arahan petugas setempat.',
    },
    en: {
      event: 'Heavy Rain',
      phrase: 'heavy rain',
      impact: 'Heavy rain can cause waterlogging, floods and landslides in prone areas.',
      instruction:
        'Keep away from riverbanks, drains and steep slopes. If your home is in a flood- or landslide-prone area, keep important documents ready, plan where to go, and follow local officials.',
    },
  },
  thunderstorm: {
    id: {
      event: 'Hujan Lebat disertai Petir',
      phrase: 'hujan lebat disertai petir',
      impact: 'Hujan disertai petir dapat disertai angin kencang dan hujan lebat sesaat.',
      instruction:
        'Saat ada petir, tetaplah di dalam bangunan dan jauhi pohon tinggi, tiang listrik, dan tempat terbuka. Amankan benda yang mudah diterbangkan angin, dan ikuti arahan petugas setempat.',
    },
    en: {
      event: 'Thunderstorm',
      phrase: 'thunderstorms with heavy rain',
      impact: 'Thunderstorms can bring strong winds and short bursts of heavy rain.',
      instruction:
        'During lightning, stay indoors and keep away from tall trees, power poles and open ground. Secure objects the wind can carry, and follow local officials.',
    },
  },
};

/** The CAP draft for one advisory over one village; pass it to writeCap. */
export function forecastAdvisoryToCap(advisory: ForecastAdvisory, location: ForecastLocation, options: AdvisoryCapOptions): CapDraft {
  const from = new Date(advisory.validFrom);
  const to = new Date(advisory.validTo);
  const base = `siaga-forecast-${location.adm4.replaceAll('.', '')}-${advisory.kind}-${stamp(from).slice(0, 10)}`;
  // A CAP identifier names one message: an Update needs its own, or it would reference itself.
  const identifier = options.previous ? `${base}-u${stamp(options.now)}` : base;
  if (options.previous?.identifier === identifier)
    throw new Error(
      `forecastAdvisoryToCap: the update would have the identifier of the message it updates (${identifier}); send it at a later second.`,
    );
  const urgency = from.getTime() <= options.now.getTime() + 3_600_000 ? 'Immediate' : 'Expected';

  const info = (language: Language): CapDraftInfo => {
    const t = TEXT[advisory.kind][language];
    const window = formatLocalWindow(advisory.validFrom, advisory.validTo, location, language);
    const place = describePlace(location, language);
    const short = [location.village, location.regency].filter((p) => p !== '').join(', ');
    const description =
      language === 'id'
        ? `Prakiraan cuaca BMKG menunjukkan ${t.phrase} di ${place} pada ${window} (${advisory.steps} periode prakiraan). ${t.impact} Peringatan ini disusun Siaga dari prakiraan cuaca BMKG untuk desa/kelurahan ini dan bukan peringatan dini resmi BMKG. Sumber data: BMKG (Badan Meteorologi, Klimatologi, dan Geofisika).`
        : `BMKG's weather forecast shows ${t.phrase} in ${place} on ${window} (${advisory.steps} forecast period${advisory.steps === 1 ? '' : 's'}). ${t.impact} This warning was prepared by Siaga from BMKG's forecast for this village; it is not an official BMKG early warning. Data source: BMKG (Indonesian Agency for Meteorology, Climatology and Geophysics).`;
    return {
      language,
      category: ['Met'],
      event: t.event,
      responseType: ['Prepare', 'Monitor'],
      urgency,
      severity: 'Moderate',
      certainty: 'Likely',
      effective: from,
      onset: from,
      expires: to,
      senderName: language === 'id' ? 'Siaga, dari prakiraan cuaca BMKG' : 'Siaga, from BMKG weather forecast',
      headline: language === 'id' ? `Prakiraan ${t.phrase} di ${short}: ${window}` : `${t.event} forecast for ${short}: ${window}`,
      description,
      instruction: t.instruction,
      parameters: [
        { valueName: 'BMKG_WEATHER_CODE', value: String(advisory.worstCode) },
        { valueName: 'FORECAST_STEPS', value: String(advisory.steps) },
      ],
      areas: [{ areaDesc: location.village, geocodes: [{ valueName: 'ADM4', value: location.adm4 }] }],
    };
  };

  const draft: CapDraft = {
    identifier,
    sender: options.sender,
    sent: options.now,
    status: 'Actual',
    msgType: options.previous ? 'Update' : 'Alert',
    source: `BMKG prakiraan-cuaca adm4=${location.adm4}`,
    infos: [info('id'), info('en')],
  };
  if (options.previous)
    draft.references = [
      { sender: options.previous.sender ?? options.sender, identifier: options.previous.identifier, sent: options.previous.sent },
    ];
  return draft;
}

/** `Sukarasa, Kecamatan Sukasari, Kota Bandung, Jawa Barat` / `Sukarasa, Sukasari district, …`. */
function describePlace(location: ForecastLocation, language: Language): string {
  const district = location.district === '' ? '' : language === 'id' ? `Kecamatan ${location.district}` : `${location.district} district`;
  return [location.village, district, location.regency, location.province].filter((p) => p !== '').join(', ');
}

/** `yyyymmddHHMMSS` in UTC. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
