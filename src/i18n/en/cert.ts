/** English: what tp1 cert prints and why it could not write its files. */

/** The sentences of src/cli/cert_command.ts. */
export const certEn = {
  badOutDir: (out: string, why: string) => `cannot use "${out}" as the output directory: ${why}`,
  cannotCheck: (path: string, why: string) => `cannot check "${path}": ${why}`,
  alreadyExist: (paths: readonly string[]) => {
    const many = paths.length > 1;
    return `${paths.join(" and ")} already ${many ? "exist" : "exists"}; ` +
      `add --force to replace ${many ? "them" : "it"} (clients that trust ` +
      "the old certificate will need the new one), or write elsewhere with --out DIR";
  },
  halfCa: (present: string, missing: string) =>
    `${present} is there but ${missing} is not: a CA needs both; restore the missing one, or move the other away to make a new CA`,
  notCaCertificate: "It is not a CA certificate",
  badCa: (cert: string, key: string, detail: string) =>
    `cannot use the CA in ${cert} and ${key}: ${detail}`,
  fileExists: (path: string) => `${path} already exists; add --force to replace it`,
  cannotWrite: (path: string, why: string) => `cannot write "${path}": ${why}`,
  readableByOthers: (path: string, mode: string) =>
    `${path} is readable by others (mode ${mode}) although it was ` +
    "created with mode 600; this file system ignores permissions: write it elsewhere with --out",
  // The report.
  wrote: (names: string) => `wrote a certificate for ${names}`,
  validFor: (days: number, until: string, signed: boolean) =>
    `valid for ${days} days, until ${until}${signed ? ", signed by the CA" : ""}`,
  caCertRow: (made: boolean) =>
    `CA certificate${made ? " (new)" : " (reused)"}: public, give it to the clients`,
  caKeyRow: "CA private key, mode 600: signs server certificates; keep it safe, never share it",
  certRow: (withCa: boolean) =>
    `${withCa ? "server certificate" : "certificate"}: public${
      withCa ? "" : ", give it to the clients"
    }`,
  keyRow: "private key, mode 600: stays on the server, never shared",
  fingerprintTitle: "SHA-256 fingerprint of the server certificate (clients can pin it):",
  onServer: "On the server:",
  onEachClient: (file: string) => `On each client, with a copy of ${file}:`,
  orPin: "or, with no file to copy, pinning this certificate:",
  caFingerprint: (fingerprint: string) => `The CA's SHA-256 fingerprint is ${fingerprint}.`,
  anotherServer:
    "For another server, run tp1 cert --ca again here with its --name and --force, and\n" +
    "copy the new certificate and key to it: clients with the CA trust it already.",
};
