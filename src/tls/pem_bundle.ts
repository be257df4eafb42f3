/**
 * Sorts the PEM blocks of the files given to `tp1 serve --cert/--key` into the
 * certificate chain and the private key, so one file holding both (as
 * `openssl req -x509 -nodes -keyout b.pem -out b.pem` writes, and as ncat
 * accepts) serves as either, in either order. Pure: text in, text out.
 */

/** A PEM block: its label (`CERTIFICATE`, `PRIVATE KEY`, …) and its text, BEGIN to END line. */
export interface PemBlock {
  readonly label: string;
  readonly text: string;
}

/** The private key labels TLS can load: PKCS#8, SEC1 (EC) and PKCS#1 (RSA). */
const KEY_LABELS = new Set(["PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"]);

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[A-Za-z0-9+/=\s:,.-]*?-----END \1-----/g;

/** Every PEM block in `text`, in order; anything between blocks (comments, openssl's text dumps) is skipped. */
export function pemBlocks(text: string): PemBlock[] {
  return Array.from(text.matchAll(BLOCK), (match) => ({ label: match[1], text: `${match[0]}\n` }));
}

/** What a file offers a TLS server: its certificates (the chain, in order) and its private keys. */
export interface PemBundle {
  /** The `CERTIFICATE` blocks joined, or undefined when there is none. */
  readonly certificates: string | undefined;
  /** The first private key block TLS can load, or undefined. */
  readonly privateKey: string | undefined;
  /** True when the file holds an `ENCRYPTED PRIVATE KEY`, which tp1 cannot use without a passphrase. */
  readonly encryptedKey: boolean;
}

/** Sorts the blocks of one file. */
export function readPemBundle(text: string): PemBundle {
  const blocks = pemBlocks(text);
  const certificates = blocks.filter((block) => block.label === "CERTIFICATE");
  // An old-style key with a passphrase says so in a header: `Proc-Type: 4,ENCRYPTED`.
  const encrypted = (block: PemBlock) =>
    block.label === "ENCRYPTED PRIVATE KEY" || block.text.includes("ENCRYPTED");
  return {
    certificates: certificates.length > 0 ? certificates.map((b) => b.text).join("") : undefined,
    privateKey: blocks.find((block) => KEY_LABELS.has(block.label) && !encrypted(block))?.text,
    encryptedKey: blocks.some(encrypted),
  };
}
