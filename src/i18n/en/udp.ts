/** English: UDP (--udp): serve, connect and port over datagrams. */

/** The udp messages (filled in by the engineer who translates this area). */
export const udpEn = {};
