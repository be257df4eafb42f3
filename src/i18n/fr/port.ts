/**
 * Français : le rapport de tp1 port et la phrase qui dit qui tient un port. Les
 * noms de colonnes (STATE LOCAL REMOTE PID COMMAND USER) et les états TCP ne
 * sont pas ici : des scripts les lisent, ils ne changent jamais.
 */
import { plural } from "../plural.ts";
import type { HiddenOwnersReason, portEn } from "../en/port.ts";

/** Les phrases de src/proc/port_report.ts. */
export const portFr: typeof portEn = {
  free: (port, protocols) =>
    `Le port ${port} est libre : aucune socket ${
      protocols.join(" ni ")
    } de cette machine ne l'utilise.`,
  inUse: (port) => `Le port ${port} est occupé :`,
  inUseUdpOnly: (port) =>
    `Le port ${port} est occupé en UDP seulement ; en TCP, il est libre pour tp1 serve :`,
  freeButRemote: (port) =>
    `Le port ${port} est libre : aucune socket de cette machine ne l'a\n` +
    `comme port local. Ces sockets l'ont comme port distant :`,
  leftOver: (port, states, count) => {
    const one = count === 1;
    return `Aucun processus n'occupe le port ${port}.\n${
      one ? "La socket" : "Les sockets"
    } ${states} ci-dessus ${one ? "est" : "sont"} ce qui reste ${
      one ? "d'une connexion fermée" : "de connexions fermées"
    } ;\nle noyau ${one ? "la" : "les"} supprime de lui-même en 60 s environ.`;
  },
  blocked: (port) => `Le port ${port} est bloqué pour encore 60 s environ, même pour tp1 serve.`,
  blockedWhy: (count, otherPort) => {
    const one = count === 1;
    return `${one ? "Elle a été laissée" : "Elles ont été laissées"} par un programme qui ` +
      `ne permettait pas de réutiliser\ntout de suite son port (comme le server.py du TP) : tant qu'${
        one ? "elle existe" : "elles existent"
      },\ntout nouveau serveur obtient « Address already in use ».\n` +
      `Attendez une minute, ou prenez un autre port : tp1 serve -p ${otherPort}`;
  },
  freeForServe: (port, checked) =>
    `Le port ${port} est libre pour tp1 serve${checked ? " (vérifié en y écoutant)" : ""}.`,
  freeForServeWhy: (count) => {
    const one = count === 1;
    return `tp1 serve peut écouter à côté : il permet de réutiliser tout de suite son port,\n` +
      `comme le programme qui ${one ? "l'a laissée" : "les a laissées"}. Le server.py du TP, ` +
      `qui ne le fait pas,\nobtiendrait « Address already in use » tant qu'${
        one ? "elle existe" : "elles existent"
      }, 60 s environ.`;
  },
  timeWaitReuse: "Un TIME_WAIT laissé par un tp1 serve précédent n'empêche pas d'en lancer un\n" +
    "autre (tp1 serve permet de réutiliser tout de suite son port) ; laissé par un\n" +
    "programme qui ne le permet pas, comme le server.py du TP, il bloque le port\n" +
    "60 s environ.",
  unseenBecause: {
    "need-root": "qu'un processus d'un autre utilisateur la tient ;\nseul root peut voir lequel",
    "denied-to-root":
      "que le noyau cache son processus même à root\n(un processus protégé ou isolé)",
    "none": "que son processus vient de se terminer ou tourne dans un autre conteneur",
  } as Record<HiddenOwnersReason, string>,
  holderName: (pid, command, user) =>
    `le pid ${pid} (${command}${user === undefined ? "" : `, utilisateur ${user}`})`,
  heldBy: (names, pids) =>
    `occupé par ${joinWithAnd(names)} — ${
      names.length === 1 ? "l'arrêter" : "les arrêter"
    } avec : kill ${pids}`,
  heldNeedRoot: (users, port) =>
    `occupé par un processus de l'utilisateur ${
      joinWithAnd(users)
    } que seul root peut voir — lancez : sudo tp1 port ${port}`,
  heldDeniedToRoot: (users) =>
    `occupé par un processus de l'utilisateur ${joinWithAnd(users)} que le noyau cache même à root`,
  heldNoProcess: (users, sockets) =>
    `occupé par ${plural("fr", sockets, "une socket", `${sockets} sockets`)} de l'utilisateur ${
      joinWithAnd(users)
    } dont le processus est introuvable`,
  heldTimeWait:
    "occupé seulement par des sockets TIME_WAIT, qui n'appartiennent à aucun processus et disparaissent d'elles-mêmes en 60 s environ — attendez une minute et réessayez",
  heldOrphans:
    "occupé par des connexions qui n'appartiennent plus à aucun processus ; le noyau les ferme de lui-même",
  clientRows: (port) =>
    `Les lignes dont REMOTE finit par :${port} sont des clients du port ; elles ne l'occupent pas.`,
  timeWaitNote: "Les sockets TIME_WAIT n'appartiennent à aucun processus : le noyau les garde\n" +
    "60 s environ après la fermeture d'une connexion, puis les supprime de lui-même.",
  orphanNote: "Les autres lignes sans PID sont des connexions qu'aucun programme n'a encore\n" +
    "acceptées, ou a déjà fermées ; le noyau les termine de lui-même.",
  unseenNote: (because) => `Un PID « - » sur une socket active signifie ${because}.`,
  toFree: (port, count) =>
    `Pour libérer le port ${port}, arrêtez ${
      count === 1 ? "le processus qui l'occupe" : "les processus qui l'occupent"
    } :`,
  killComment: (command, user) => user === undefined ? command : `${command}, utilisateur ${user}`,
  othersNeedRoot: (port) =>
    `D'autres détenteurs appartiennent à d'autres utilisateurs ; voyez leurs pid avec : sudo tp1 port ${port}`,
  holderNeedRoot: (port) =>
    `Pour libérer le port ${port}, voyez d'abord le pid du détenteur avec : sudo tp1 port ${port}`,
  unidentified: (others) =>
    `${
      others
        ? "D'autres détenteurs n'ont pas pu être identifiés"
        : "Le détenteur n'a pas pu être identifié"
    }, même en root.`,
  notFound: (others) =>
    `${
      others
        ? "Les processus d'autres détenteurs sont introuvables"
        : "Le processus du détenteur est introuvable"
    } ; réessayez dans un instant.`,
  watching: (port, intervalMs) =>
    `suivi du port TCP ${port} : chaque changement d'état de ses sockets, lu dans /proc/net/tcp toutes les ${intervalMs} ms (Ctrl-C arrête)`,
};

function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} et ${items[items.length - 1]}`;
}
