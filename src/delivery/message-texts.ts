// Per chunk: stored messages loaded once, and each row's WarningText (language, kind, link,
// verification code) built from them.
import type { ClaimedWarning } from '../db/delivery-claims.ts';
import { loadDeliveryMessage, type DeliveryMessage } from '../db/delivery-messages.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { warningTextFor } from './message-content.ts';
import { zoneOfAreaCode } from '../time/indonesian-time-zone.ts';
import { verificationCode } from './sms/verification-code.ts';
import type { WarningText } from './warning-text.ts';

export function alertLink(publicBaseUrl: string, alertId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/alerts/${alertId}`;
}

export function createMessageTexts(deps: Pick<DeliveryDeps, 'db' | 'publicBaseUrl' | 'secrets'>) {
  const cache = new Map<string, Promise<DeliveryMessage | undefined>>();
  return {
    message(alertId: string): Promise<DeliveryMessage | undefined> {
      let m = cache.get(alertId);
      if (!m) {
        m = loadDeliveryMessage(deps.db, alertId);
        cache.set(alertId, m);
      }
      return m;
    },
    text(message: DeliveryMessage, row: Pick<ClaimedWarning, 'kind' | 'language' | 'village_code' | 'severity'>): WarningText {
      return {
        ...warningTextFor(message, row.language, {
          kind: row.kind,
          severity: row.severity,
          link: alertLink(deps.publicBaseUrl, message.id),
          verificationCode: verificationCode(deps.secrets.code, message.identifier),
        }),
        timeZone: row.village_code ? zoneOfAreaCode(row.village_code) : 'WIB',
      };
    },
  };
}
