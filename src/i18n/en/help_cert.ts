/** English: the help of tp1 cert (`tp1 cert --help`, and everything in `tp1 help cert`). */

/** The values the help texts of tp1 cert show (defaults, file names, the usage line). */
export interface CertHelpValues {
  readonly CA_DAYS: number;
  readonly CERT_FILES: {
    readonly cert: string;
    readonly key: string;
    readonly caCert: string;
    readonly caKey: string;
  };
  readonly DEFAULT_DAYS: number;
  readonly MAX_DAYS: number;
  readonly USAGE: string;
}

/** The short help and the details of tp1 cert. */
export const helpCertEn = {
  /** `tp1 cert --help`: what most people need, with examples. */
  short: ({ CERT_FILES, USAGE }: CertHelpValues): string =>
    `tp1 cert — make a TLS certificate and key for tp1 serve --tls, to keep and reuse

Usage: ${USAGE}

Writes ${CERT_FILES.cert} (public: give it to the clients) and ${CERT_FILES.key} (private:
stays on the server) in the current directory, and prints the commands that
use them.

Examples:
  VM1$ tp1 cert
  VM1$ tp1 serve --tls --cert ${CERT_FILES.cert} --key ${CERT_FILES.key}
  VM2$ tp1 connect --tls --ca ${CERT_FILES.cert} 192.168.100.4    (after copying ${CERT_FILES.cert})

Every option (names, validity, a lab CA): tp1 help cert`,
  /** `tp1 help cert`: every option and the details. */
  details: ({ CA_DAYS, CERT_FILES, DEFAULT_DAYS, MAX_DAYS, USAGE }: CertHelpValues): string =>
    `tp1 cert — make a TLS certificate and key for tp1 serve --tls, to keep and reuse

Usage: ${USAGE}

Writes, in DIR (default: the current directory):
  ${CERT_FILES.cert}   the server's certificate: public, give it to the clients
  ${CERT_FILES.key}    its private key, mode 600: stays on the server, never shared
and prints the certificate's SHA-256 fingerprint and the exact commands to use
them. The certificate is self-signed and is its own authority: a client that
has a copy trusts the server with "--ca ${CERT_FILES.cert}"; a client without
one can pin the fingerprint instead.

The certificate names every way clients may reach the server, and a client
checks the name it dialled against them. By default these are this machine's
host name and network addresses, plus localhost, 127.0.0.1 and ::1; with
--name, exactly the names given.

With --ca, tp1 cert also keeps a small certificate authority in DIR
(${CERT_FILES.caCert} and its key ${CERT_FILES.caKey}), made on the first run and reused after,
and the server certificate is signed by it. Clients trust "--ca ${CERT_FILES.caCert}" once,
and every server certificate made from that CA later (another VM, a renewal)
is trusted without copying anything new to them.

Options:
  -o, --out DIR     Where to write the files (created if missing; default .).
  -n, --name HOST   A host name or IP address the server is reached by.
                    Repeatable, or comma-separated.
      --days N      How long the certificate is valid (default ${DEFAULT_DAYS}, at most ${MAX_DAYS}).
      --ca          Sign with a CA kept in DIR (see above); the CA lasts ${CA_DAYS} days.
  -f, --force       Replace existing certificate and key files (never the CA).
      --lang fr|en  Messages in French or English (default: from LANG).
  -h, --help        Show the short help (tp1 help cert shows this one).

Examples:
  VM1$ tp1 cert
  VM1$ tp1 serve --tls --cert ${CERT_FILES.cert} --key ${CERT_FILES.key}
  VM2$ tp1 connect --tls --ca ${CERT_FILES.cert} 192.168.100.4    (after copying ${CERT_FILES.cert})

  tp1 cert --name vm1 --name 192.168.100.4 --out lab-certs --days 120
  tp1 cert --ca --out lab-ca --name vm1,192.168.100.4
  tp1 cert --ca --out lab-ca --name vm2,192.168.100.5 --force    (same CA, next server)

Exit status: 0 when the files are written, 1 when they cannot be (or exist and
--force is not given), 2 for a command-line mistake.`,
};
