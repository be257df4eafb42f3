/** Français : l'aide générale (`tp1 --help`) et le résumé d'une ligne de chaque commande. */
import type { helpTp1En, Tp1HelpValues } from "../en/help_tp1.ts";

/** L'aide générale. */
export const helpTp1Fr: typeof helpTp1En = {
  short: ({ VERSION, USAGE, commands }: Tp1HelpValues): string =>
    `tp1 ${VERSION} — TCP (et UDP) pour les TP réseau : discuter, envoyer des fichiers, voir les ports

Usage : ${USAGE}

Commandes :
${commands}

Démarrage rapide (deux machines, VM1 à l'adresse 192.168.100.4) :
  VM1$ tp1 serve                      écouter sur le port 7999, discuter
  VM2$ tp1 connect 192.168.100.4      se connecter et discuter
  VM1$ tp1 port 7999                  le port est-il libre ? qui l'occupe ?

Avec un tube ou un fichier, tp1 transmet les octets tels quels, comme nc :
  VM1$ tp1 serve > copie.iso
  VM2$ tp1 connect 192.168.100.4 < disque.iso

Aide sur une commande : tp1 <commande> --help (courte, avec des exemples), puis
tp1 help <commande> (toutes les options et les détails).

Options :
  -h, --help       Afficher cette aide.
  -V, --version    Afficher la version.
      --lang fr|en Messages en français ou en anglais, pour toute commande
                   (par défaut d'après LC_ALL, LC_MESSAGES ou LANG).

Code de sortie : 0 succès, 1 échec réseau ou d'exécution, 2 erreur de commande.`,
  usage: "tp1 <serve|connect|port|cert> [options]   (tp1 <commande> --help pour les détails)",
  summaries: {
    serve: "attendre des clients sur un port (discussion au terminal, nc -l en tube)",
    connect: "se connecter à un serveur (discussion au terminal, nc en tube)",
    port: "dire si un port TCP ou UDP est libre, ou quel processus l'occupe",
    cert: "créer un certificat TLS et sa clé pour serve --tls, à réutiliser",
  },
};
