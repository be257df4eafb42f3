/** Français : l'aide de tp1 port (`tp1 port --help`, et tout dans `tp1 help port`). */
import type { helpPortEn, PortHelpValues } from "../en/help_port.ts";

/** L'aide courte et les détails de tp1 port. */
export const helpPortFr: typeof helpPortEn = {
  short: ({ DEFAULT_PORT, USAGE }: PortHelpValues): string =>
    `tp1 port — un port (TCP ou UDP) est-il libre, et sinon, qui l'occupe ?

Usage : ${USAGE}

Liste chaque socket TCP et UDP de cette machine qui utilise PORT (par défaut ${DEFAULT_PORT}),
comme « netstat -an | grep ${DEFAULT_PORT} » et « sudo lsof -i :${DEFAULT_PORT} » réunis :
son état (LISTEN, ESTABLISHED, TIME_WAIT, ...), ses adresses locale et distante,
le pid, la commande et l'utilisateur qui le tiennent. Quand le port est pris, il
finit par la commande « kill PID » qui le libère. Lit /proc : Linux seulement.

Options :
      --tcp    Seulement les sockets TCP (tp1 serve).
      --udp    Seulement les sockets UDP (tp1 serve --udp) ; UNCONN est une socket
               UDP qui reçoit les datagrammes de n'importe qui.
      --watch  Suivre le port en direct : chaque changement de ses sockets, au
               moment où il arrive, avec la phase TCP en clair (voir
               tp1 help port). Ctrl-C arrête.
      --lang   fr ou en : la langue des messages (par défaut : d'après LANG).
  -h, --help   Afficher cette aide.

Exemple :
  $ tp1 port 7999
  Le port 7999 est occupé :

  PROTO  STATE        LOCAL            REMOTE           PID   COMMAND  USER
  tcp    LISTEN       0.0.0.0:7999     0.0.0.0:*        4242  python3  alice
  tcp    ESTABLISHED  127.0.0.1:7999   127.0.0.1:53116  4242  python3  alice
  tcp    ESTABLISHED  127.0.0.1:53116  127.0.0.1:7999   4250  nc       alice

  Les lignes dont REMOTE finit par :7999 sont des clients du port ;
  elles ne l'occupent pas.

  Pour libérer le port 7999, arrêtez le processus qui l'occupe :
    kill 4242  # python3, utilisateur alice

Les noms de colonnes (PROTO, STATE, LOCAL, REMOTE, PID, COMMAND, USER) et
les états restent ceux de netstat, dans toutes les langues, pour les scripts.
Sans être root, le pid des processus des autres utilisateurs s'affiche « - » ;
sudo permet de les voir. Les sockets laissées par des connexions fermées
(TIME_WAIT, FIN_WAIT…) n'appartiennent à aucun processus et disparaissent
d'elles-mêmes en 60 s environ. tp1 port essaie alors d'écouter sur le port : il
est libre pour tp1 serve si le programme qui les a laissées avait activé
SO_REUSEADDR (l'option qui permet de réutiliser tout de suite l'adresse ; tp1
serve l'active), mais le server.py du TP, qui ne le fait pas, obtiendrait
« Address already in use » jusqu'à leur disparition ; laissées par server.py
lui-même, elles bloquent tout nouveau serveur pendant cette minute.

Code de sortie (comme grep, pour écrire « tp1 port --tcp 7999 && tp1 serve ») :
  0  tp1 serve peut écouter sur le port
  1  un processus occupe le port (en TCP ou en UDP, sauf si --tcp ou --udp
     précise lequel), ou des connexions fermées le bloquent une minute, ou il
     n'a pas pu être vérifié (erreur sur stderr)
  2  erreur d'usage : PORT ou option incorrects`,
  details: ({ HELP, WATCH_INTERVAL_MS }: PortHelpValues): string =>
    `${HELP}

Suivre un port (tp1 port 7999 --watch, dans un troisième terminal à côté du TP) :
  Chaque changement d'une socket sur PORT s'affiche au moment où il arrive, à la
  milliseconde près : son nouvel état (LISTEN, SYN_SENT, SYN_RECV, ESTABLISHED,
  FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, LAST_ACK, TIME_WAIT, gone), ses adresses
  locale et distante, le pid et la commande qui la tiennent, et dessous une
  ligne qui nomme la phase de la connexion : établissement (la poignée de main
  en trois temps), transfert (les données) ou fermeture, et le côté qui a fermé
  le premier : celui qui finit en TIME_WAIT, ce qui explique qu'un port puisse
  paraître « occupé » une minute après l'arrêt du programme.

  tp1 lit /proc/net/tcp et tcp6 toutes les ${WATCH_INTERVAL_MS} ms : un état plus bref peut
  passer inaperçu. Sur une seule machine (boucle locale), SYN_SENT et SYN_RECV
  durent des microsecondes et se voient rarement, LAST_ACK et CLOSING souvent
  pas non plus. Entre deux machines, avec de vrais délais, la plupart des états
  se voient. Chaque lecture parcourt toutes les sockets TCP de la machine : quand
  il y en a des dizaines de milliers, une lecture prend des millisecondes et tp1
  lit moins souvent, pour utiliser au plus un tiers de cœur environ. Ctrl-C
  arrête le suivi (code de sortie 0).`,
};
