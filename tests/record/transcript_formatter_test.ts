import { clockTimeMs } from "../../src/core/clock_text.ts";
/** TranscriptFormatter: what a --record file says, piece by piece, in Markdown and text. */
import { assertEquals, assertIncludes, assertNotIncludes } from "../_helpers/assert.ts";
import {
  dateTime,
  endsInsideFence,
  TranscriptFormatter,
} from "../../src/record/transcript_formatter.ts";
import type { TranscriptHeader } from "../../src/record/transcript_event.ts";
import { catalogueFor } from "../../src/i18n/catalogue.ts";

/** A local time on 1 Dec 2026 (the formatter prints local time, whatever the zone). */
const at = (h: number, m: number, s: number, ms = 0) => new Date(2026, 11, 1, h, m, s, ms);

const header: TranscriptHeader = {
  at: at(10, 0, 0),
  title: "tp1 connect",
  command: "tp1 connect 127.0.0.1 7999 --password=…",
  version: "1.0.0",
  local: "127.0.0.1:51234",
  peer: "127.0.0.1:7999",
};

function session(formatter: TranscriptFormatter): string[] {
  return [
    formatter.event({
      type: "connected",
      at: at(10, 0, 0, 5),
      role: "client",
      local: "127.0.0.1:51234",
      peer: "127.0.0.1:7999",
    }),
    formatter.event({ type: "typed", at: at(10, 0, 1, 250), who: "client (you)", text: "hello" }),
    formatter.event({ type: "shown", at: at(10, 0, 2, 7), text: "from server: ```oops" }),
    formatter.event({
      type: "closed",
      at: at(10, 0, 3),
      role: "client",
      local: "127.0.0.1:51234",
      peer: "127.0.0.1:7999",
      first: "local",
      reset: false,
      sent: 6,
      received: 18,
      durationMs: 2995,
    }),
  ];
}

Deno.test("clockTimeMs() and dateTime() print local time to the millisecond", () => {
  assertEquals(clockTimeMs(at(9, 5, 3, 7)), "09:05:03.007");
  assertIncludes(dateTime(at(9, 5, 3, 7)), "2026-12-01 09:05:03 (UTC");
});

Deno.test("TranscriptFormatter writes a Markdown header, one line per event, then closes the fence and adds the timeline", () => {
  const f = new TranscriptFormatter("markdown");
  const head = f.begin(header);
  assertIncludes(head, "**tp1 connect — recorded 2026-12-01 10:00:00");
  assertIncludes(head, "- Command: `tp1 connect 127.0.0.1 7999 --password=…`\n");
  assertIncludes(head, "- Local address: `127.0.0.1:51234`\n- Peer address: `127.0.0.1:7999`\n");
  assertIncludes(head, "- tp1 version: `1.0.0`\n");
  assertEquals(head.endsWith("\n```text\n"), true, head);
  const lines = session(f);
  assertEquals(lines, [
    "10:00:00.005  * connected from 127.0.0.1:51234 to 127.0.0.1:7999\n",
    "10:00:01.250  client (you): hello\n",
    "10:00:02.007  from server: ```oops\n",
    "10:00:03.000  * connection with 127.0.0.1:7999 closed: sent 6 bytes, received 18 bytes in 2.995 s; the client (you) closed first (FIN sent)\n",
  ]);
  const end = f.end(at(10, 0, 3, 100));
  const whole = head + lines.join("") + end;
  // Every line inside the block starts with a time: a peer's ``` cannot close it early.
  assertEquals(endsInsideFence(head + lines.join("")), true);
  assertEquals(endsInsideFence(whole), false);
  assertIncludes(end, "| Time | TCP phase | What happened |\n| --- | --- | --- |\n");
  assertIncludes(end, "| 10:00:00.005 | établissement (establishment) | connected from");
  assertIncludes(
    end,
    "| 10:00:01.250 | transfert (data transfer) | first line, typed by the client (you) |",
  );
  assertIncludes(end, "| 10:00:03.000 | fermeture (closing) | with 127.0.0.1:7999: sent 6 bytes");
  assertIncludes(
    end,
    "recording ended after 3.100 s: 1 line typed, 1 shown; 6 bytes sent, 18 received in all",
  );
  assertEquals(f.end(at(10, 0, 4)), "", "a second end() writes nothing");
  assertEquals(f.event({ type: "shown", at: at(10, 0, 5), text: "late" }), "");
});

Deno.test("TranscriptFormatter in text mode has no fence and a plain timeline", () => {
  const f = new TranscriptFormatter("text");
  const whole = f.begin(header) + session(f).join("") + f.end(at(10, 0, 4));
  assertNotIncludes(whole, "```text");
  assertNotIncludes(whole, "| --- |");
  assertIncludes(whole, "Command: tp1 connect 127.0.0.1 7999 --password=…\n");
  assertIncludes(
    whole,
    "\nTimeline:\n  10:00:00.005  établissement (establishment)  connected from",
  );
});

Deno.test("TranscriptFormatter.begin() separates from what a file holds and closes a fence a killed run left open", () => {
  const f = new TranscriptFormatter("markdown");
  const appended = f.begin(header, { nonEmpty: true, fenceOpen: true });
  assertEquals(appended.startsWith("```\n"), true, appended);
  assertIncludes(appended, "recording cut short");
  assertIncludes(appended, "\n---\n\n**tp1 connect");
  const fresh = new TranscriptFormatter("markdown").begin(header, {
    nonEmpty: false,
    fenceOpen: false,
  });
  assertEquals(fresh.startsWith("**tp1 connect"), true);
});

Deno.test("TranscriptFormatter escapes control characters and keeps a table cell's | from splitting it", () => {
  const f = new TranscriptFormatter("markdown");
  f.begin(header);
  assertEquals(
    f.event({ type: "typed", at: at(10, 0, 0), who: "server (you)", text: "a\x1b[2Jb\rc" }),
    "10:00:00.000  server (you): a\\e[2Jb\\rc\n",
  );
  f.event({ type: "listening", at: at(10, 0, 0), address: "0.0.0.0:7999" });
  f.event({
    type: "closed",
    at: at(10, 0, 1),
    role: "server",
    local: "a|b",
    peer: "c|d",
    first: "peer",
    reset: false,
    sent: 1,
    received: 1,
    durationMs: 1,
  });
  const end = f.end(at(10, 0, 2));
  assertIncludes(
    end,
    "with c\\|d: sent 1 byte, received 1 byte in 0.001 s; the client closed first (FIN received)",
  );
});

Deno.test("TranscriptFormatter writes a reply of several lines (/who, /help) one line each, never a literal \\n", () => {
  const f = new TranscriptFormatter("markdown");
  f.begin(header);
  assertEquals(
    f.event({
      type: "shown",
      at: at(10, 0, 1),
      text: "* 2 clients connected:\n  alice\n  bob (you)\n",
    }),
    "10:00:01.000  * 2 clients connected:\n10:00:01.000    alice\n10:00:01.000    bob (you)\n",
  );
});

Deno.test("TranscriptFormatter in French: header labels, events, timeline table and closing line in French", () => {
  const NBSP = "\u00a0";
  const f = new TranscriptFormatter("markdown", catalogueFor("fr"));
  const head = f.begin(header).replaceAll(NBSP, " ");
  assertIncludes(head, "**tp1 connect — enregistré le 2026-12-01 10:00:00");
  assertIncludes(head, "- Commande : `tp1 connect 127.0.0.1 7999 --password=…`\n");
  assertIncludes(
    head,
    "- Adresse locale : `127.0.0.1:51234`\n- Adresse distante : `127.0.0.1:7999`\n",
  );
  const fr = catalogueFor("fr");
  const lines = [
    f.event({
      type: "connected",
      at: at(10, 0, 0, 5),
      role: "client",
      local: "127.0.0.1:51234",
      peer: "127.0.0.1:7999",
    }),
    f.event({ type: "typed", at: at(10, 0, 1, 250), who: fr.record.youClient, text: "bonjour" }),
    f.event({ type: "shown", at: at(10, 0, 2, 7), text: "from server: salut" }),
    f.event({
      type: "closed",
      at: at(10, 0, 3),
      role: "client",
      local: "127.0.0.1:51234",
      peer: "127.0.0.1:7999",
      first: "local",
      reset: false,
      sent: 8,
      received: 19,
      durationMs: 2995,
    }),
  ].map((line) => line.replaceAll(NBSP, " "));
  assertEquals(lines, [
    "10:00:00.005  * connecté de 127.0.0.1:51234 à 127.0.0.1:7999\n",
    "10:00:01.250  client (vous) : bonjour\n",
    "10:00:02.007  from server: salut\n",
    "10:00:03.000  * connexion avec 127.0.0.1:7999 fermée : 8 octets envoyés, 19 octets reçus en 2,995 s ; le client (vous) a fermé le premier (FIN envoyé)\n",
  ]);
  const end = f.end(at(10, 0, 3, 100)).replaceAll(NBSP, " ");
  assertIncludes(end, "| Heure | Phase TCP | Ce qui s'est passé |\n| --- | --- | --- |\n");
  assertIncludes(
    end,
    "| 10:00:01.250 | transfert de données | première ligne, tapée par le client (vous) |",
  );
  assertIncludes(
    end,
    "enregistrement terminé après 3,100 s : 1 ligne tapée, 1 affichée ; 8 octets envoyés, 19 reçus en tout",
  );
  assertNotIncludes(end, "recording");
});

Deno.test("TranscriptFormatter counts the recording's length from its earliest line, which may precede begin()", () => {
  // tp1 connect begins the file just after connecting, with the connection dated from before.
  const f = new TranscriptFormatter("text");
  f.begin({ ...header, at: at(10, 0, 0, 140) });
  f.event({
    type: "connected",
    at: at(10, 0, 0),
    role: "client",
    local: "127.0.0.1:51234",
    peer: "127.0.0.1:7999",
  });
  const end = f.end(at(10, 0, 4, 500));
  assertIncludes(end, "recording ended after 4.500 s");
});
