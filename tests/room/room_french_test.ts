/**
 * The room speaks the server's language: given the French catalogue, what the
 * operator reads and what clients receive is French, with the same actions.
 */
import { assertEquals, assertIncludes } from "../_helpers/assert.ts";
import { fr } from "../../src/i18n/messages_fr.ts";
import { NBSP } from "../../src/i18n/french_spacing.ts";
import { describe, join, leave, newRoom, operator, say } from "./_room_script.ts";
import { refusalLine, refusalLog } from "../../src/room/admission.ts";

/** `text` with the no-break spaces French typography puts, so expectations read plainly. */
const plain = (lines: string[]) => lines.map((line) => line.replaceAll(NBSP, " "));

function frenchRoom(mode: "chat" | "lab" = "chat") {
  return newRoom({ mode, messages: fr.room });
}

Deno.test("a French chat room welcomes, announces joins and leaves, with plurals", () => {
  const room = frenchRoom();
  assertEquals(plain(join(room, 1)), [
    "show: * user1 arrive depuis 192.168.100.1:50001 — 1 client connecté",
    "to 1: * bienvenue dans le salon tp1, user1 !",
    "to 1: * personne d'autre n'est là pour l'instant",
    "to 1: * /nick NOM change votre nom, /help liste les commandes",
    "to all but 1: * user1 arrive depuis 192.168.100.1",
  ]);
  assertEquals(plain(join(room, 2)).slice(0, 1), [
    "show: * user2 arrive depuis 192.168.100.2:50002 — 2 clients connectés",
  ]);
  assertEquals(plain(leave(room, 2, { kind: "reset" })), [
    "show: * user2 a quitté le salon (connexion réinitialisée) — 1 client connecté",
    "to all but 2: * user2 a quitté le salon (connexion réinitialisée)",
  ]);
  assertEquals(plain(leave(room, 1)), ["show: * user1 a quitté le salon — 0 client connecté"]);
});

Deno.test("a French lab room tells the operator who connected and who closed", () => {
  const room = frenchRoom("lab");
  assertEquals(plain(join(room, 1)), [
    "show: * nouvelle connexion : 192.168.100.1:50001, sous le nom user1 (1 client connecté)",
  ]);
  assertEquals(plain(leave(room, 1)), [
    "show: * 192.168.100.1:50001 (user1) a fermé la connexion (0 client connecté)",
  ]);
});

Deno.test("a French room answers commands in French: /help, /who, /nick, unknown commands", () => {
  const room = frenchRoom();
  join(room, 1);
  join(room, 2);
  const help = plain(say(room, 1, "/help"));
  assertEquals(help[0], "to 1: * commandes :");
  assertIncludes(help.join("\n"), "/msg NOM texte  envoie un message privé à NOM");
  assertIncludes(help.join("\n"), "//texte         envoie une ligne qui commence par /");
  assertEquals(plain(say(room, 1, "/who"))[0], "to 1: * 2 clients connectés :");
  assertIncludes(plain(say(room, 1, "/who")).join("\n"), "(vous)");
  assertEquals(plain(say(room, 2, "/nick user1")), [
    "to 2: * « user1 » est réservé : choisissez un autre nom",
  ]);
  assertEquals(plain(say(room, 1, "/nick Hélène")), [
    "show: * user1 s'appelle désormais Hélène",
    "to 1: * vous vous appelez désormais Hélène",
    "to all but 1: * user1 s'appelle désormais Hélène",
  ]);
  assertIncludes(plain(say(room, 2, "/dance")).join(), "commande inconnue « /dance »");
  assertIncludes(plain(say(room, 2, "/msg")).join(), "usage : /msg NOM texte");
  assertEquals(plain(operator(room, "/kick Hélène bruit")), [
    "to 1: * l'opérateur du serveur met fin à votre connexion : bruit",
    "disconnect 1 (kicked)",
  ]);
  assertEquals(
    plain(leave(room, 1, { kind: "kicked", reason: "bruit" }))[0],
    [
      "show: * l'opérateur a exclu Hélène (bruit) — 1 client connecté",
    ][0],
  );
});

Deno.test("the French room's lines carry French typography: no-break spaces before : and !", () => {
  const room = frenchRoom();
  const lines = describe(room.handle({
    type: "join",
    id: 1 as never,
    address: "127.0.0.1:5000",
    at: new Date(),
  }));
  assertIncludes(lines.join("\n"), `user1${NBSP}!`);
});

Deno.test("a full French server refuses in French, and the log says who", () => {
  const reason = { kind: "full", maxClients: 30 } as const;
  assertEquals(
    refusalLine(reason, fr.room).replaceAll(NBSP, " "),
    "* désolé, le serveur est complet : 30 clients connectés, le maximum qu'il accepte ; réessayez plus tard",
  );
  assertIncludes(refusalLog("127.0.0.1:4000", reason, fr.room), "127.0.0.1:4000 refusé");
});

Deno.test("a French room confirms a private line in one form, to a client and to the operator", () => {
  const room = frenchRoom();
  join(room, 1);
  join(room, 2);
  say(room, 2, "/nick Zoé");
  assertEquals(plain(say(room, 1, "/msg Zoé à 10 h ?")), [
    "to 2: [privé] <user1> à 10 h ?",
    "to 1: [privé pour Zoé] à 10 h ?",
  ]);
  assertEquals(plain(operator(room, "/msg Zoé oui")), [
    "to 2: [privé] <server> oui",
    "show: [privé pour Zoé] oui",
  ]);
  const lab = frenchRoom("lab");
  join(lab, 1);
  assertEquals(plain(operator(lab, "/to user1 rien que toi")), [
    "to 1: rien que toi",
    "show: [privé pour user1] rien que toi",
  ]);
});
