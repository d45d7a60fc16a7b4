/** Shared OSCAL conventions for every document Jianhe writes (catalog, assessment results, POA&M). */
export const OSCAL_VERSION = '1.0.6';

/** Namespace of Jianhe's own props and part names, as OSCAL requires for non-standard names. */
export const JIANHE_NS = 'urn:jianhe:ns:oscal';

export interface OscalProp {
  name: string;
  value: string;
  ns?: string;
  class?: string;
}

/** A Jianhe prop. OSCAL prop values are single-line, so runs of white space fold to one space. */
export const prop = (name: string, value: string, extra: Partial<OscalProp> = {}): OscalProp => ({
  name,
  value: value.replace(/\s+/g, ' ').trim(),
  ns: JIANHE_NS,
  ...extra,
});

/** OSCAL timestamps must carry a time zone; ours are UTC. */
export const oscalTimestamp = (date: Date) => date.toISOString();
