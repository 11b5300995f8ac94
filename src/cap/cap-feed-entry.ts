// One entry of an Atom or RSS feed of CAP messages, as the feed checkers read it.
import type { CapCheck } from './check-cap-element.ts';
import type { XmlElement } from './read-xml-tree.ts';

export interface CapFeedEntry {
  path: string;
  /** Atom id, or RSS guid. */
  id?: string;
  title?: string;
  /** Atom updated, or RSS pubDate, as written. */
  updated?: string;
  /** Where the CAP message can be fetched, when the entry links to one: absolute, or relative to the feed's own location. */
  capUrl?: string;
  /** The verdict on an alert embedded in the entry (Atom <content>, or the RSS <item> itself). */
  alert?: CapCheck;
  /** The embedded <alert> element itself, to be written out as a document of its own. */
  alertElement?: XmlElement;
}
