// The fixed vocabulary of CAP 1.0, 1.1 and 1.2, taken from the three OASIS schemas (cap10.xsd,
// cap11.xsd, cap12.xsd). Kept as data so the reader and the validator share one source.
import type { CapVersion } from './cap-types.ts';

export const CAP_NAMESPACES: Readonly<Record<string, CapVersion>> = {
  'urn:oasis:names:tc:emergency:cap:1.2': '1.2',
  'urn:oasis:names:tc:emergency:cap:1.1': '1.1',
  // CAP 1.0 predates the OASIS URN; its schema uses this URL.
  'http://www.incident.com/cap/1.0': '1.0',
};

export const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';

export const STATUS_VALUES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const MSG_TYPE_VALUES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const SCOPE_VALUES = ['Public', 'Restricted', 'Private'] as const;
export const CATEGORY_VALUES = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
] as const;
export const RESPONSE_TYPE_VALUES = [
  'Shelter',
  'Evacuate',
  'Prepare',
  'Execute',
  'Avoid',
  'Monitor',
  'Assess',
  'AllClear',
  'None',
] as const;
export const URGENCY_VALUES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const SEVERITY_VALUES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CERTAINTY_VALUES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

export type CapStatus = (typeof STATUS_VALUES)[number];
export type CapMsgType = (typeof MSG_TYPE_VALUES)[number];
export type CapScope = (typeof SCOPE_VALUES)[number];
export type CapCategory = (typeof CATEGORY_VALUES)[number];
export type CapResponseType = (typeof RESPONSE_TYPE_VALUES)[number];
export type CapUrgency = (typeof URGENCY_VALUES)[number];
export type CapSeverity = (typeof SEVERITY_VALUES)[number];
export type CapCertainty = (typeof CERTAINTY_VALUES)[number];

export type EnumField = 'status' | 'msgType' | 'scope' | 'category' | 'responseType' | 'urgency' | 'severity' | 'certainty';

/** The values a field may take in a given CAP version. */
export function allowedValues(field: EnumField, version: CapVersion): readonly string[] {
  const v10 = version === '1.0';
  switch (field) {
    case 'status':
      return v10 ? STATUS_VALUES.filter((s) => s !== 'Draft') : STATUS_VALUES;
    case 'msgType':
      return MSG_TYPE_VALUES;
    case 'scope':
      return SCOPE_VALUES;
    case 'category':
      return v10 ? CATEGORY_VALUES.filter((c) => c !== 'CBRNE') : CATEGORY_VALUES;
    case 'responseType':
      // 1.0 has no responseType element at all; the child rules reject it before this is asked.
      return version === '1.1' ? RESPONSE_TYPE_VALUES.filter((r) => r !== 'Avoid' && r !== 'AllClear') : RESPONSE_TYPE_VALUES;
    case 'urgency':
      return URGENCY_VALUES;
    case 'severity':
      return SEVERITY_VALUES;
    case 'certainty':
      return v10 ? ['Very Likely', 'Likely', 'Possible', 'Unlikely', 'Unknown'] : CERTAINTY_VALUES;
  }
}

/** One child element in a schema sequence. `ns: 'dsig'` marks the XML-DSig wildcard at the end of `alert`. */
export interface ChildRule {
  name: string;
  min: number;
  max: number;
  ns?: 'dsig';
}

const one = (name: string): ChildRule => ({ name, min: 1, max: 1 });
const opt = (name: string): ChildRule => ({ name, min: 0, max: 1 });
const many = (name: string): ChildRule => ({ name, min: 0, max: Infinity });
const some = (name: string): ChildRule => ({ name, min: 1, max: Infinity });

export type ContainerElement = 'alert' | 'info' | 'resource' | 'area' | 'valuePair';

/** Children of each CAP container element, in the order the schema requires. */
export function childRules(element: ContainerElement, version: CapVersion): ChildRule[] {
  const v10 = version === '1.0';
  switch (element) {
    case 'alert':
      return [
        one('identifier'),
        one('sender'),
        one('sent'),
        one('status'),
        one('msgType'),
        ...(v10 ? [opt('password')] : []),
        opt('source'),
        v10 ? opt('scope') : one('scope'),
        opt('restriction'),
        opt('addresses'),
        many('code'),
        opt('note'),
        opt('references'),
        opt('incidents'),
        many('info'),
        // Only the 1.2 schema has this wildcard, but the 1.1 text allows enveloped signatures and
        // Google's extended 1.1/1.0 schemas accept them; failing a signed 1.1 alert would be wrong.
        { name: 'Signature', min: 0, max: Infinity, ns: 'dsig' },
      ];
    case 'info':
      return [
        opt('language'),
        v10 ? many('category') : some('category'),
        one('event'),
        ...(v10 ? [] : [many('responseType')]),
        one('urgency'),
        one('severity'),
        one('certainty'),
        opt('audience'),
        many('eventCode'),
        opt('effective'),
        opt('onset'),
        opt('expires'),
        opt('senderName'),
        opt('headline'),
        opt('description'),
        opt('instruction'),
        opt('web'),
        opt('contact'),
        many('parameter'),
        many('resource'),
        many('area'),
      ];
    case 'resource':
      return [
        one('resourceDesc'),
        version === '1.2' ? one('mimeType') : opt('mimeType'),
        opt('size'),
        opt('uri'),
        ...(v10 ? [] : [opt('derefUri')]),
        opt('digest'),
      ];
    case 'area':
      return [one('areaDesc'), many('polygon'), many('circle'), many('geocode'), opt('altitude'), opt('ceiling')];
    case 'valuePair':
      return [one('valueName'), one('value')];
  }
}
