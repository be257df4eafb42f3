/** English: files the user names (--ca, --cert, --password-file…) that cannot be read. */

/** The sentences of src/files/ and the names of the files they are about. */
export const filesEn = {
  cannotRead: (what: string, path: string, why: string) => `cannot read ${what} "${path}": ${why}`,
  notFound: "no such file or directory",
  permissionDenied: "permission denied",
  isDirectory: "it is a directory, not a file",
  notDirectory: "a path component is not a directory",
  existsNotDirectory: "it exists and is not a directory",
  passwordFile: "the password file",
  caCert: "the CA certificate",
  caKey: "the CA key",
  allowFile: "the --allow-file",
  certFile: "the --cert file",
  keyFile: "the --key file",
};
