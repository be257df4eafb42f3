/**
 * What counts as a host name (a DNS name) in tp1, written once: the certificate
 * maker and `tp1 cert --name` accept the same names.
 */

const LABEL = "[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?";
const HOST_NAME = new RegExp(`^(\\*\\.)?${LABEL}(\\.${LABEL})*\\.?$`);

/**
 * Whether `text` is a DNS name a certificate may carry (a leading `*.` wildcard
 * allowed). Four all-digit labels are an IPv4 address, never a name, so a
 * mistyped address (`300.1.1.1`) is not taken for one.
 */
export function isHostName(text: string): boolean {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(text)) return false;
  return HOST_NAME.test(text);
}
