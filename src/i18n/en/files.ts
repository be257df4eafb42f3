/** English: files the user names (--ca, --cert, --password-file…) that cannot be read. */

/** The sentences of src/files/ and the names of the files they are about. */
export const filesEn = {
  cannotRead: (what: string, path: string, why: string) => `cannot read ${what} "${path}": ${why}`,
  notFound: "no such file or directory",
  permissionDenied: "permission denied",
  isDirectory: "it is a directory, not a file",
  notDirectory: "a path component is not a directory",
  existsNotDirectory: "it exists and is not a directory",
  // tp1 serve's --cert, --key and --allow-file, checked at start-up (src/cli/serve_security_options.ts).
  inAllowFile: (file: string, problem: string) => `in the --allow-file "${file}": ${problem}`,
  noCertificate: (path: string, swapped: boolean) =>
    `${path} holds no PEM certificate (--cert)${
      swapped ? " but a private key: did you swap --cert and --key?" : ""
    }`,
  noPrivateKey: (path: string, advice: "passphrase" | "give-key" | undefined) =>
    `${path} holds no PEM private key (--key)${
      advice === "passphrase"
        ? ": its key is protected by a passphrase, which tp1 cannot ask for; " +
          `write it unprotected with: openssl pkey -in ${path} -out plain-key.pem`
        : advice === "give-key"
        ? ": give the key with --key FILE, or a --cert file that holds both"
        : ""
    }`,
  unreadableCertificate: (path: string) => `${path} holds no readable certificate (--cert)`,
  unreadableKey: (path: string) => `${path} holds no readable private key (--key)`,
  keyMismatch: (keyPath: string, certPath: string) =>
    `${keyPath} is not the private key of the certificate in ${certPath}: ` +
    `give the key made with that certificate (tp1 cert writes them side by side)`,
  certExpired: (path: string, when: string) =>
    `the certificate in ${path} expired on ${when}: clients checking it (--ca) will refuse it; make a new one with tp1 cert`,
  certNotYetValid: (path: string, when: string) =>
    `the certificate in ${path} is not valid before ${when}: clients checking it (--ca) will refuse it until then; ` +
    `is this machine's clock right?`,
  passwordInClear: "--password without --tls: the password crosses the network in clear text",
  passwordVisible:
    "--password=… is visible to every user of this machine (ps); --password-file is safer",
  passwordFile: "the password file",
  caCert: "the CA certificate",
  caKey: "the CA key",
  allowFile: "the --allow-file",
  certFile: "the --cert file",
  keyFile: "the --key file",
};
