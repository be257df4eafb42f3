import { assertEquals } from "../_helpers/assert.ts";
import { clientCommandLines, shortFingerprint } from "../../src/client/client_commands.ts";
import { setLanguage } from "../../src/i18n/catalogue.ts";

const FP = Array.from({ length: 32 }, (_, i) => (i * 7 % 256).toString(16).padStart(2, "0"))
  .join(":").toUpperCase();

Deno.test("shortFingerprint() keeps the first 20 hex digits in groups of 4", () => {
  assertEquals(shortFingerprint("A1:F3:C7:7D:9D:FB:3B:C6:AE:ED:E2:A0"), "A1F3:C77D:9DFB:3BC6:AEED");
});

Deno.test("clientCommandLines() prints the full and the short command, with --password but no secret", () => {
  const lines = clientCommandLines({
    fingerprint: FP,
    generated: true,
    port: 8000,
    hosts: ["192.168.100.4"],
    needsPassword: true,
  });
  assertEquals(
    lines[1],
    `(made for this run) clients connect with: tp1 connect --tls --fingerprint ${FP} 192.168.100.4 8000 --password`,
  );
  assertEquals(
    lines[2],
    `or, short enough for a whiteboard (the first 20 hex digits): tp1 connect --tls --fingerprint ${
      shortFingerprint(FP)
    } 192.168.100.4 8000 --password`,
  );
});

Deno.test("clientCommandLines() writes HOST when the server has several addresses, and no port for 7999", () => {
  const [, full, short] = clientCommandLines({
    fingerprint: FP,
    generated: false,
    port: 7999,
    hosts: ["192.168.100.4", "10.0.2.15"],
    needsPassword: false,
  });
  assertEquals(
    full,
    "clients connect with: tp1 connect --tls --ca CERT.pem HOST (or --fingerprint as above)",
  );
  assertEquals(short.endsWith(`--fingerprint ${shortFingerprint(FP)} HOST`), true);
});

Deno.test("clientCommandLines() writes HÔTE in French when the server has several addresses", () => {
  setLanguage("fr");
  try {
    const [, , short] = clientCommandLines({
      fingerprint: FP,
      generated: true,
      port: 7999,
      hosts: ["192.168.100.4", "10.0.2.15"],
      needsPassword: true,
    });
    assertEquals(
      short.endsWith(`--fingerprint ${shortFingerprint(FP)} HÔTE --password`),
      true,
      short,
    );
  } finally {
    setLanguage("en");
  }
});

Deno.test("clientCommandLines() on an 80-column terminal puts each command on lines of its own that fit, ready to copy", () => {
  const facts = {
    fingerprint: FP,
    generated: true,
    port: 8000,
    hosts: ["192.168.100.4"],
    needsPassword: true,
  };
  const lines = clientCommandLines(facts, 80).join("\n").split("\n");
  for (const line of lines) assertEquals([...line].length <= 80, true, line);
  const hex = FP.replaceAll(":", "");
  assertEquals(lines, [
    "TLS on: certificate SHA-256 fingerprint",
    `  ${FP.slice(0, 48)}`,
    `  ${FP.slice(48)}`,
    "(made for this run) clients connect with:",
    "  tp1 connect --tls --fingerprint \\",
    `    ${hex} \\`,
    "    192.168.100.4 8000 --password",
    "or, short enough for a whiteboard (the first 20 hex digits):",
    `  tp1 connect --tls --fingerprint ${shortFingerprint(FP)} 192.168.100.4 8000 \\`,
    "    --password",
  ]);
  // A terminal wide enough keeps the lines as piped.
  assertEquals(clientCommandLines(facts, 200), clientCommandLines(facts));
  setLanguage("fr");
  try {
    const french = clientCommandLines({ ...facts, generated: false }, 80);
    assertEquals(french.join("\n").split("\n").slice(3, 5), [
      "les clients se connectent avec (ou --fingerprint comme ci-dessus)\u00a0:",
      "  tp1 connect --tls --ca CERT.pem 192.168.100.4 8000 --password",
    ]);
  } finally {
    setLanguage("en");
  }
});
