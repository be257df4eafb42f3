/**
 * `serverSecurity()`: what `tp1 serve` checks at start-up in the files its
 * security flags name, so a mistake is one clear sentence before any client
 * comes, not a cryptic failure at every client's handshake.
 */
import { assertEquals, assertIncludes, assertRejects } from "../_helpers/assert.ts";
import { serverSecurity } from "../../src/cli/serve_security_options.ts";
import { UserError } from "../../src/errors.ts";
import { generateSelfSignedCert } from "../../src/tls/make_certificate.ts";

const canUseFiles = Deno.permissions.querySync({ name: "write" }).state === "granted" &&
  Deno.permissions.querySync({ name: "read" }).state === "granted";
const NEEDS_FILES = "(needs --allow-read --allow-write)";
const USAGE = "tp1 serve [options]";

/** Runs `body` in a fresh temporary directory, removed after. */
async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tp1-serve-security-" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name: `serverSecurity() refuses a --key that is not the --cert's own key ${NEEDS_FILES}`,
  ignore: !canUseFiles,
}, async () => {
  await inTempDir(async (dir) => {
    const mine = await generateSelfSignedCert({ names: ["127.0.0.1"] });
    const other = await generateSelfSignedCert({ names: ["127.0.0.1"] });
    await Deno.writeTextFile(`${dir}/cert.pem`, mine.certPem);
    await Deno.writeTextFile(`${dir}/key.pem`, other.keyPem);
    await assertRejects(
      () => serverSecurity({ cert: `${dir}/cert.pem`, key: `${dir}/key.pem` }, USAGE, () => {}),
      UserError,
      `${dir}/key.pem is not the private key of the certificate in ${dir}/cert.pem`,
    );
    // The right pair passes, with its fingerprint and no warning.
    await Deno.writeTextFile(`${dir}/key.pem`, mine.keyPem);
    const warnings: string[] = [];
    const security = await serverSecurity(
      { cert: `${dir}/cert.pem`, key: `${dir}/key.pem` },
      USAGE,
      (w) => warnings.push(w),
    );
    assertEquals(security.tls?.fingerprint, mine.fingerprint);
    assertEquals(warnings, []);
  });
});

Deno.test({
  name:
    `serverSecurity() warns that an expired --cert will be refused by verifying clients ${NEEDS_FILES}`,
  ignore: !canUseFiles,
}, async () => {
  await inTempDir(async (dir) => {
    const old = await generateSelfSignedCert({
      names: ["127.0.0.1"],
      notBefore: new Date("2020-01-01T00:00:00Z"),
      notAfter: new Date("2020-01-02T00:00:00Z"),
    });
    await Deno.writeTextFile(`${dir}/cert.pem`, old.certPem);
    await Deno.writeTextFile(`${dir}/key.pem`, old.keyPem);
    const warnings: string[] = [];
    const security = await serverSecurity(
      { cert: `${dir}/cert.pem`, key: `${dir}/key.pem` },
      USAGE,
      (w) => warnings.push(w),
    );
    assertEquals(security.tls?.generated, false);
    assertEquals(warnings, [
      `the certificate in ${dir}/cert.pem expired on 2020-01-02 00:00 UTC: clients checking it ` +
      "(--ca) will refuse it; make a new one with tp1 cert",
    ]);
  });
});

Deno.test({
  name:
    `serverSecurity() names the --allow-file and its bad entry, and reads the good ones past comments ${NEEDS_FILES}`,
  ignore: !canUseFiles,
}, async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/bad.txt`, "# the lab\n192.168.100.0/24\nvm2   # by name?\n");
    const error = await assertRejects(
      () => serverSecurity({ "allow-file": [`${dir}/bad.txt`] }, USAGE, () => {}),
      UserError,
      `in the --allow-file "${dir}/bad.txt": "vm2" is not an address or CIDR block`,
    );
    assertIncludes(error.message, "examples: 192.168.100.0/24");
    await Deno.writeTextFile(`${dir}/good.txt`, "# the lab\n192.168.100.0/24  # VMs\r\nfd00::/8\n");
    const security = await serverSecurity(
      { "allow-file": [`${dir}/good.txt`], allow: ["10.0.0.7"] },
      USAGE,
      () => {},
    );
    assertEquals(security.access.allow.map((rule) => rule.text), [
      "10.0.0.7",
      "192.168.100.0/24",
      "fd00::/8",
    ]);
  });
});
