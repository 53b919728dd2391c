// Where a reader can look up each standard a rule cites. CWE entries have one page each; the other
// schemes publish one page for the whole document (IEC 62443 is sold, not published: the link is
// the series' public overview).

export const STANDARD_LINKS = {
  owaspIot: "https://owasp.org/www-project-internet-of-things/",
  iec62443: "https://www.isa.org/standards-and-publications/isa-standards/isa-iec-62443-series-of-standards",
  fda: "https://www.fda.gov/regulatory-information/search-fda-guidance-documents/cybersecurity-medical-devices-quality-system-considerations-and-content-premarket-submissions",
} as const;
