/** English: the gate: refusal lines sent to refused clients, TLS and password checks. */

/** The gate messages (filled in by the engineer who translates this area). */
export const gateEn = {};
