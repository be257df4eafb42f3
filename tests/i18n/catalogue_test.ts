/**
 * The two catalogues hold the same keys (the type says so at `deno check`; this
 * says so at run time, functions included), French differs from English except
 * where listed, and French typography holds.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { en } from "../../src/i18n/messages_en.ts";
import { fr } from "../../src/i18n/messages_fr.ts";
import { catalogueFor, setLanguage, t } from "../../src/i18n/catalogue.ts";
import { plural } from "../../src/i18n/plural.ts";
import { frenchSpacing, NBSP } from "../../src/i18n/french_spacing.ts";

/** Messages that are the same in both languages on purpose (names, commands, numbers), by key path. */
const SAME_IN_BOTH = new Set<string>([
  // A command line whose placeholders (PORT) are the same word in French.
  "usage.lines.port",
]);

/** A stand-in for any parameter: 2 as a number, "X" as text, itself for any property. */
const PROBE: unknown = new Proxy(() => {}, {
  get: (_target, key) => {
    if (key === Symbol.toPrimitive) return (hint: string) => hint === "number" ? 2 : "X";
    if (key === Symbol.iterator) return function* () {};
    if (key === "length") return 2;
    return PROBE;
  },
  apply: () => PROBE,
});

/** Every message of `catalogue` by key path, functions called with probes. */
function leaves(catalogue: unknown, path = ""): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof catalogue === "string") found.set(path, catalogue);
  else if (typeof catalogue === "function") {
    let text: string;
    try {
      text = String(catalogue(PROBE, PROBE, PROBE, PROBE));
    } catch (error) {
      text = `(threw ${error})`;
    }
    found.set(path, text);
  } else if (typeof catalogue === "object" && catalogue !== null) {
    for (const [key, value] of Object.entries(catalogue)) {
      for (const [p, text] of leaves(value, path ? `${path}.${key}` : key)) found.set(p, text);
    }
  }
  return found;
}

/** Every key path with the kind of its value. */
function shape(catalogue: unknown, path = ""): string[] {
  if (typeof catalogue !== "object" || catalogue === null) return [`${path}: ${typeof catalogue}`];
  return Object.entries(catalogue).flatMap(([key, value]) =>
    shape(value, path ? `${path}.${key}` : key)
  );
}

Deno.test("the French catalogue has every key of the English one, and no other", () => {
  assertEquals(shape(fr).sort(), shape(en).sort());
});

Deno.test("no French message is its English one, unless listed as the same on purpose", () => {
  const english = leaves(en);
  const same = [...leaves(fr)].filter(([path, text]) =>
    english.get(path) === text && !SAME_IN_BOTH.has(path)
  ).map(([path]) => path);
  assertEquals(same, []);
});

Deno.test("no message shown on a terminal quotes with Markdown backticks (they would show as such)", () => {
  const quoted = [...leaves(en), ...leaves(fr)].filter(([, text]) => text.includes("`"))
    .map(([path]) => path);
  assertEquals(quoted, []);
});

Deno.test("every message of both catalogues renders without throwing", () => {
  const threw = [...leaves(en), ...leaves(fr)].filter(([, text]) => text.startsWith("(threw "));
  assertEquals(threw, []);
});

Deno.test("French messages put no ordinary space before : ; ? ! » or after «", () => {
  const wrong = [...leaves(fr)].filter(([, text]) => / [:;?!»]|« /.test(text)).map(([p]) => p);
  assertEquals(wrong, []);
});

Deno.test("French messages quote with « » rather than English double quotes", () => {
  // Shell examples keep the shell's quotes: echo "GET / HTTP/1.0" | tp1 connect …, script -c "…"
  const prose = (text: string) => text.replace(/(echo|script -q -c) "[^"\n]*"/g, "");
  const wrong = [...leaves(fr)].filter(([, text]) => /"[^"\n]*"/.test(prose(text)))
    .map(([p]) => p);
  assertEquals(wrong, [], "use « … » (shell examples aside)");
});

Deno.test("frenchSpacing() puts U+00A0 before : ; ? ! » and after «, never at a line start", () => {
  assertEquals(
    frenchSpacing("Usage : a ; b ? c ! « d »"),
    `Usage${NBSP}: a${NBSP}; b${NBSP}? c${NBSP}! «${NBSP}d${NBSP}»`,
  );
  assertEquals(frenchSpacing("  :x\nhttp://a:1"), "  :x\nhttp://a:1");
});

Deno.test("plural() counts 0 and 1 as singular in French, only 1 in English", () => {
  const fr = (n: number) => `${n} ${plural("fr", n, "client connecté", "clients connectés")}`;
  const en = (n: number) => `${n} ${plural("en", n, "client", "clients")}`;
  assertEquals([fr(0), fr(1), fr(2)], [
    "0 client connecté",
    "1 client connecté",
    "2 clients connectés",
  ]);
  assertEquals([en(0), en(1), en(2)], ["0 clients", "1 client", "2 clients"]);
});

Deno.test("t() is the English catalogue until setLanguage() chooses another", () => {
  assertEquals(t(), en);
  setLanguage("fr");
  try {
    assertEquals([t(), catalogueFor("fr")], [fr, fr]);
  } finally {
    setLanguage("en");
  }
});
