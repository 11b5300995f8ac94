// What a resident is told about one alert, in one language: the parts of a CAP info block that the
// push and SMS renderers draw from. Built from the stored alert (src/delivery/…) so that renderers
// stay pure and channel-specific limits (2,744-byte push payload, 160/70-character SMS segments)
// are their only concern.

import type { IndonesianZone } from '../time/indonesian-time-zone.ts';

export type DeliveryKind = 'warning' | 'update' | 'all_clear';

export type CapSeverity = 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
export type CapUrgency = 'Immediate' | 'Expected' | 'Future' | 'Past' | 'Unknown';

export interface WarningText {
  /** `id` (Indonesian) or `en`: the household's language; the renderer writes its own words in it. */
  language: 'id' | 'en';
  kind: DeliveryKind;
  /** CAP `event`, e.g. "Hujan Lebat" / "Heavy Rain". */
  event: string;
  /** CAP `headline`, may be long; renderers shorten it. */
  headline: string;
  /** CAP `description`; may be empty. */
  description: string;
  /** CAP `instruction` (what to do); may be empty. */
  instruction: string;
  severity: CapSeverity;
  urgency: CapUrgency;
  /** Area names joined, e.g. "Deli Serdang: Percut Sei Tuan, Batang Kuis". */
  areaDesc: string;
  onset?: Date;
  expires?: Date;
  /** CAP `senderName` or the sender, e.g. "BMKG". */
  senderName: string;
  /** Siaga's public page of the alert (absolute URL). */
  link: string;
  /** Siaga's id of the alert message (stable, opaque). */
  alertId: string;
  /** Short code a resident can compare on the public alert page (SMS authenticity). */
  verificationCode: string;
  /** The household's time zone, in which times are written; WIB when not given. */
  timeZone?: IndonesianZone;
}
