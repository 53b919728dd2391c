// Titles of the standard clauses rules cite, so reports print "CR 1.5 Authenticator management"
// rather than a bare id. Ids were checked against the public clause lists; see docs/standards.md.

export const OWASP_IOT_2018: Readonly<Record<string, string>> = {
  I1: "Weak, Guessable, or Hardcoded Passwords",
  I2: "Insecure Network Services",
  I3: "Insecure Ecosystem Interfaces",
  I4: "Lack of Secure Update Mechanism",
  I5: "Use of Insecure or Outdated Components",
  I6: "Insufficient Privacy Protection",
  I7: "Insecure Data Transfer and Storage",
  I8: "Lack of Device Management",
  I9: "Insecure Default Settings",
  I10: "Lack of Physical Hardening",
};

export const IEC_62443_4_2: Readonly<Record<string, string>> = {
  "CR 1.1": "Human user identification and authentication",
  "CR 1.2": "Software process and device identification and authentication",
  "CR 1.5": "Authenticator management",
  "CR 1.7": "Strength of password-based authentication",
  "CR 1.8": "Public key infrastructure (PKI) certificates",
  "CR 1.9": "Strength of public key-based authentication",
  "CR 1.14": "Strength of symmetric key-based authentication",
  "CR 2.1": "Authorization enforcement",
  "CR 3.1": "Communication integrity",
  "CR 3.4": "Software and information integrity",
  "CR 4.1": "Information confidentiality",
  "CR 4.3": "Use of cryptography",
  "CR 7.7": "Least functionality",
  "EDR 2.13": "Use of physical diagnostic and test interfaces",
  "EDR 3.10": "Support for updates",
  "EDR 3.12": "Provisioning product supplier roots of trust",
  "EDR 3.14": "Integrity of the boot process",
};

/**
 * Security control categories of FDA's premarket cybersecurity guidance (2023; reissued 2025 and
 * 2026 with the same lettering), Appendix 1; and `Anomalies`, the premarket section on accepted
 * (unresolved) findings that suppressions document.
 */
export const FDA_PREMARKET_TOPICS: Readonly<Record<string, string>> = {
  Authentication: "Appendix 1, A. Authentication",
  Authorization: "Appendix 1, B. Authorization",
  Cryptography: "Appendix 1, C. Cryptography",
  Integrity: "Appendix 1, D. Code, Data, and Execution Integrity",
  Confidentiality: "Appendix 1, E. Confidentiality",
  Logging: "Appendix 1, F. Event Detection and Logging",
  Resiliency: "Appendix 1, G. Resiliency and Recovery",
  Updates: "Appendix 1, H. Firmware and Software Updates",
  Anomalies: "Section V.A.5, Security Assessment of Unresolved Anomalies",
};

export function cweUrl(cwe: string): string {
  return `https://cwe.mitre.org/data/definitions/${cwe.replace(/^CWE-/, "")}.html`;
}

/** Every standard reference of a rule as `scheme id — title` lines, for docs, SARIF and reports. */
export function describeStandards(refs: { owaspIot: readonly string[]; iec62443: readonly string[]; fda: readonly string[] }): string[] {
  return [
    ...refs.owaspIot.map((id) => `OWASP IoT Top 10 (2018) ${id}: ${OWASP_IOT_2018[id] ?? "unknown item"}`),
    ...refs.iec62443.map((id) => `IEC 62443-4-2 ${id}: ${IEC_62443_4_2[id] ?? "unknown requirement"}`),
    ...refs.fda.map((id) => `FDA premarket cybersecurity guidance: ${FDA_PREMARKET_TOPICS[id] ?? id}`),
  ];
}
