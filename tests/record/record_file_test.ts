/** openRecordFile() and Recorder: mode 600, appending with a separator, one-sentence errors. */
import { setLanguage } from "../../src/i18n/catalogue.ts";
import { assertEquals, assertIncludes, assertThrows } from "../_helpers/assert.ts";
import { formatForPath, openRecordFile } from "../../src/record/record_file.ts";
import { Recorder } from "../../src/record/recorder.ts";
import { UserError } from "../../src/errors.ts";

const header = { title: "tp1 serve", command: "tp1 serve", version: "1.0.0" };

Deno.test("openRecordFile() creates the file with mode 600 and each record() is in it at once", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/session.md`;
    const recorder = new Recorder(openRecordFile(path));
    assertEquals((await Deno.stat(path)).mode! & 0o777, 0o600);
    recorder.begin(header);
    recorder.record({ type: "listening", address: "0.0.0.0:7999" });
    assertIncludes(await Deno.readTextFile(path), "* listening on 0.0.0.0:7999\n");
    recorder.end();
    const text = await Deno.readTextFile(path);
    assertEquals(text.split("\n").filter((l) => l.startsWith("```")).length, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openRecordFile() appends to an existing file after a separator, closing a fence left open", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/session.md`;
    await Deno.writeTextFile(path, "# My report\n\n```text\n10:00:00.000  cut here\n");
    const recorder = new Recorder(openRecordFile(path));
    recorder.begin(header);
    recorder.end();
    const text = await Deno.readTextFile(path);
    assertEquals(
      text.startsWith("# My report\n\n```text\n10:00:00.000  cut here\n```\n"),
      true,
      text,
    );
    assertIncludes(text, "\n---\n\n**tp1 serve — recorded");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openRecordFile() says in one sentence why a file cannot be written", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const missing = assertThrows(() => openRecordFile(`${dir}/nope/session.md`), UserError);
    assertEquals(
      missing.message,
      `cannot write the transcript to ${dir}/nope/session.md: its folder does not exist`,
    );
    const folder = assertThrows(() => openRecordFile(dir), UserError);
    assertIncludes(folder.message, "that is a folder; give a file name");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openRecordFile() says why in French when tp1 speaks French", async () => {
  const dir = await Deno.makeTempDir();
  setLanguage("fr");
  try {
    const missing = assertThrows(() => openRecordFile(`${dir}/nope/session.md`), UserError);
    assertEquals(
      missing.message.replace(/\u202f|\u00a0/g, " "),
      `impossible d'écrire le compte rendu dans ${dir}/nope/session.md : son dossier n'existe pas`,
    );
  } finally {
    setLanguage("en");
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("formatForPath() is plain text for .txt, Markdown otherwise", () => {
  assertEquals(formatForPath("a.txt"), "text");
  assertEquals(formatForPath("a.TXT"), "text");
  assertEquals(formatForPath("a.md"), "markdown");
  assertEquals(formatForPath("report"), "markdown");
});

Deno.test("Recorder stamps with its clock and stops with one warning when a write fails", () => {
  const written: string[] = [];
  const warnings: string[] = [];
  let fail = false;
  const recorder = new Recorder({
    format: "text",
    append(text) {
      if (fail) throw new Error("No space left on device");
      written.push(text);
    },
  }, { now: () => new Date(2026, 11, 1, 10, 0, 0, 42), onError: (m) => warnings.push(m) });
  recorder.record({ type: "shown", text: "before begin: dropped" });
  recorder.begin(header);
  recorder.record({ type: "shown", text: "hello" });
  fail = true;
  recorder.record({ type: "shown", text: "lost" });
  recorder.record({ type: "shown", text: "lost too" });
  assertEquals(written.slice(1), ["10:00:00.042  hello\n"]);
  assertEquals(warnings, ["the transcript stopped: No space left on device"]);
});

Deno.test("a recording that never began (the connection failed) leaves no empty file, but never removes an existing one", async () => {
  const dir = await Deno.makeTempDir();
  try {
    new Recorder(openRecordFile(`${dir}/new.md`)).end();
    assertEquals(await Deno.stat(`${dir}/new.md`).then(() => true, () => false), false);
    await Deno.writeTextFile(`${dir}/old.md`, "");
    new Recorder(openRecordFile(`${dir}/old.md`)).end();
    assertEquals((await Deno.stat(`${dir}/old.md`)).isFile, true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
