/**
 * A small PKI with impostors, for the `--ca` tests: a lab CA, a server
 * certificate it signed, and certificates that only look as if it signed them.
 * Made with tp1's own certificate code, plus `openssl` for the X.509 v1 impostor
 * (tp1 writes only v3).
 */
import {
  type CertifiedKey,
  generateCaSignedCert,
  generateSelfSignedCert,
} from "../../src/tls/make_certificate.ts";
import { LOOPBACK_NAMES } from "./_tls_fixtures.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The trusted CA, the good server certificate, and the ones that must be refused. */
export interface LabPki {
  /** The CA the client trusts (`--ca`), "Lab CA". */
  readonly ca: CertifiedKey;
  /** A server certificate the CA signed, for the loopback names. */
  readonly good: CertifiedKey;
  /** Another CA also named "Lab CA" signed it (v3, with its own key identifiers). */
  readonly v3Impostor: CertifiedKey;
  /** That other "Lab CA". */
  readonly impostorCa: CertifiedKey;
  /** Names and key identifiers all say "Lab CA", but another key made the signature. */
  readonly wrongKey: CertifiedKey;
  /** Signed by the CA, but expired yesterday. */
  readonly expired: CertifiedKey;
  /** Signed by the CA, for another host only. */
  readonly otherName: CertifiedKey;
}

/** Makes a {@linkcode LabPki}. */
export async function labPki(): Promise<LabPki> {
  const ca = await generateSelfSignedCert({ names: [], commonName: "Lab CA", isCa: true });
  const evil = await generateSelfSignedCert({ names: [], commonName: "Lab CA", isCa: true });
  const forger: CertifiedKey = {
    ...ca,
    keys: { publicKey: ca.keys.publicKey, privateKey: evil.keys.privateKey },
  };
  const now = Date.now();
  return {
    ca,
    good: await generateCaSignedCert(ca, { names: LOOPBACK_NAMES }),
    v3Impostor: await generateCaSignedCert(evil, { names: LOOPBACK_NAMES }),
    impostorCa: evil,
    wrongKey: await generateCaSignedCert(forger, { names: LOOPBACK_NAMES }),
    expired: await generateCaSignedCert(ca, {
      names: LOOPBACK_NAMES,
      notBefore: new Date(now - 3 * DAY_MS),
      notAfter: new Date(now - DAY_MS),
    }),
    otherName: await generateCaSignedCert(ca, { names: ["vm2.lab.test"] }),
  };
}

/** A certificate (PEM) and its key (PEM) as a TLS server needs them. */
export interface ServerIdentity {
  readonly certPem: string;
  readonly keyPem: string;
}

/** A CA made by openssl, and an X.509 v1 impostor of a server it would have signed. */
export interface V1Impostor {
  /** The CA the client trusts, "Lab CA" (v3, CA:TRUE), as `openssl req -x509` makes one. */
  readonly caPem: string;
  /**
   * A v1 server certificate (no extensions at all, so its only name is its common
   * name, `localhost`) whose issuer name is "Lab CA" but which another key signed,
   * as `openssl x509 -req` writes it without `-extfile`.
   */
  readonly impostor: ServerIdentity;
}

/**
 * Makes a {@linkcode V1Impostor} with `openssl`. Deno 2.9.6's `node:tls` reports
 * this impostor as verified against that CA (not against one tp1 made).
 */
export async function v1Impostor(): Promise<V1Impostor> {
  const dir = await Deno.makeTempDir({ prefix: "tp1-v1-impostor-" });
  const run = async (...args: string[]) => {
    const done = await new Deno.Command("openssl", { args, cwd: dir, stdin: "null" }).output();
    if (!done.success) {
      throw new Error(`openssl ${args.join(" ")}: ${new TextDecoder().decode(done.stderr)}`);
    }
  };
  try {
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
    const ca = ["-days", "30", "-subj", "/CN=Lab CA"];
    await run("req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.pem", ...ca);
    await run("req", "-x509", ...ec, "-keyout", "evil.key", "-out", "evil.pem", ...ca);
    await run(
      "req",
      "-new",
      ...ec,
      "-keyout",
      "server.key",
      "-out",
      "server.csr",
      "-subj",
      "/CN=localhost",
    );
    await run(
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "evil.pem",
      "-CAkey",
      "evil.key",
      "-set_serial",
      "1",
      "-days",
      "10",
      "-out",
      "server.pem",
    );
    return {
      caPem: await Deno.readTextFile(`${dir}/ca.pem`),
      impostor: {
        certPem: await Deno.readTextFile(`${dir}/server.pem`),
        keyPem: await Deno.readTextFile(`${dir}/server.key`),
      },
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
