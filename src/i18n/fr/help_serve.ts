/** Français : l'aide de tp1 serve (`tp1 serve --help`, et tout dans `tp1 help serve`). */
import type { helpServeEn, ServeHelpValues } from "../en/help_serve.ts";

/** L'aide courte et les détails de tp1 serve. */
export const helpServeFr: typeof helpServeEn = {
  short: ({ DEFAULT_PORT, USAGE }: ServeHelpValues): string =>
    `tp1 serve — attendre des clients sur un port TCP (le server.py du TP)

Usage : ${USAGE}

Sur un terminal, vous avez une invite : chaque ligne tapée part vers tous les
clients connectés, et chaque ligne reçue d'un client s'affiche avec son nom et
son adresse (« user2 (192.168.100.5:51234): bonjour »). « exit », Ctrl-D ou
Ctrl-C arrête. Avec --chat, c'est un salon : les clients se lisent entre eux.
Sortie vers un fichier ou un tube : comme « nc -l », octets transmis tels quels.

Options courantes :
  -p, --port PORT        Port d'écoute (par défaut ${DEFAULT_PORT}).
      --chat             Un salon : les clients voient les lignes des autres.
      --once             S'arrêter quand le premier client part, comme server.py.
      --tls              Chiffrer les connexions (les clients ajoutent --tls).
      --password         Les clients doivent d'abord donner un mot de passe.
      --allow CIDR       N'accepter que ces adresses, par ex. 192.168.100.0/24.
      --record FICHIER   Noter la séance dans FICHIER, pour le compte rendu.
  -u, --udp              Des datagrammes UDP au lieu de TCP (comme nc -u -l).

À l'invite : /who liste les clients, /to NOM texte parle à l'un d'eux,
/kick NOM en déconnecte un, /help donne le reste.

Exemples :
  tp1 serve                       discuter avec les clients sur le port ${DEFAULT_PORT}
  tp1 serve -p 8000 --once        un seul client, sur le port 8000, comme server.py
  tp1 serve --chat                un salon pour toute la classe
  tp1 serve > recu.bin            recevoir un fichier (envoyé par le client)

Toutes les options, les limites et la sécurité : tp1 help serve`,
  details: (
    { DEFAULT_MAX_CLIENTS, DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_WAITING, DEFAULT_PORT, USAGE }:
      ServeHelpValues,
  ): string =>
    `tp1 serve — attendre des clients sur un port TCP (le server.py du TP)

Usage : ${USAGE}

Sur un terminal, tp1 serve est une discussion : il affiche où il écoute et les
adresses auxquelles les autres machines peuvent le joindre, puis une invite
(server@HÔTE:PORT$). Chaque ligne tapée part vers tous les clients connectés ;
chaque ligne envoyée par un client s'affiche avec son nom et son adresse
(« user2 (192.168.100.5:51234): bonjour »). Les clients ne se voient pas entre
eux. Ils peuvent aller et venir ; le serveur continue jusqu'à ce que vous tapiez
« exit » (envoyé aussi aux clients, comme le fait server.py), Ctrl-D ou Ctrl-C.
Commandes à l'invite : /who (qui est connecté), /to NOM texte (un seul client),
/all texte, /kick NOM [raison], /help. Les clients s'appellent user1, user2…
dans l'ordre d'arrivée ; NOM peut aussi être une adresse telle que /who l'affiche.
Une ligne qui commence par // envoie une ligne qui commence par /.

Avec --chat, tp1 serve est un salon : chaque ligne d'un client part vers tous
les autres sous la forme « <nom> texte » et s'affiche aussi sur votre écran ;
les arrivées et les départs sont annoncés (à tous tant que le salon compte au
plus 200 personnes, sur votre écran toujours). Tout client convient : tp1
connect, nc, ncat, telnet, le client.py du TP. Commandes des clients : /nick NOM,
/msg NOM texte (privé ; /msg server vous joint), /me texte, /who, /help, /quit.
Les vôtres : /who, /msg ou /to, /me, /all, /kick, /help ; vos lignes simples
partent vers tous sous la forme « <server> texte ». Les messages privés entre
clients ne vous sont pas montrés. Les lignes sont relayées entières, en UTF-8
(accents et émojis intacts), caractères de contrôle échappés ; une ligne
envoyée sans fin de ligne est relayée après une courte pause.

Quand l'entrée ou la sortie standard n'est pas un terminal, tp1 serve se comporte
comme « nc -l » : ni bannière ni invite, les octets du client vont tels quels sur
la sortie standard et ceux de l'entrée standard vont tels quels au client. Il sert
un client puis se termine avec 0 (-k sert le suivant, avec la suite de l'entrée).
Un client a fini quand il a tout envoyé (fermé son sens de la connexion) et que :
un fichier en entrée standard a été envoyé jusqu'au bout, ou un tube ou un
terminal en entrée n'a plus rien en attente et rien n'y arrive pendant une
demi-seconde (ce qui est écrit ensuite va au client suivant).
Avec -k, au plus --max-waiting clients attendent leur tour ; les suivants sont
invités à réessayer.
Avec --chat, c'est le salon qui tourne, avec un journal sur la sortie standard :
une ligne par événement, l'heure devant (« 10:42:07 <alice> bonjour »). Les
lignes reçues sur l'entrée standard sont des lignes et des commandes de
l'opérateur (la fin de l'entrée n'arrête pas le serveur, « exit » si) ; SIGINT
(Ctrl-C) ou SIGTERM (kill PID) l'arrêtent proprement.

Clients lents (le salon, dans les deux modes ; pas le mode tube) :
  Les lignes destinées à un client qui lit lentement l'attendent. Tant que plus
  de 512 Kio attendent un même client, les autres sont lus plus lentement : un
  flot va au rythme du plus lent des clients qui lisent encore, et personne qui
  suit n'est déconnecté. Un client qui ne prend rien pendant une seconde alors
  qu'il est en retard, ou qui laisse s'accumuler 1 Mio (4 lignes de --max-line,
  si c'est plus), a cessé de lire : il est déconnecté avec une raison, et tous
  les autres continuent de tout recevoir, dans l'ordre.
  Votre propre écran ne retient pas non plus le salon : si votre terminal n'est
  plus lu (une session SSH bloquée), le salon continue, et dès qu'il est relu
  vous savez combien de lignes il a manquées. À court de descripteurs de
  fichiers (ulimit -n), le serveur le dit une fois, continue de servir, et dit
  quand il accepte de nouveau des connexions.

Avec --udp (-u), tp1 serve reçoit des datagrammes UDP sur le port : pas de
connexion, donc pas de ligne « connecté » ; un correspondant est connu dès son
premier datagramme, et rien ne dit quand il s'en va. Sur un terminal, chaque
datagramme s'affiche avec son expéditeur et sa taille (« from
192.168.100.5:51234 (8 octets) : bonjour »), échappé comme plus haut ; une ligne
tapée part en un datagramme vers le dernier correspondant entendu ; /to
ADRESSE:PORT texte, /all texte (tous ceux entendus ces 10 dernières minutes),
/who, /help. En mode tube, comme « nc -u -l » : les octets de chaque datagramme
vont tels quels sur la sortie standard, et l'entrée standard part vers le
dernier correspondant entendu, un datagramme par lecture (65 507 octets au
plus) ; il tourne jusqu'à Ctrl-C ou SIGTERM. --allow et --deny s'appliquent à
chaque datagramme ; une source refusée est notée une fois. Les options liées
aux connexions (--tls, --password, --chat, --once, --idle, --record…) ne
s'appliquent pas.

Sécurité (un réseau de TP est partagé : n'importe qui dessus peut joindre un
serveur qui écoute sur toutes les interfaces) :
  Avec --tls, le serveur ne parle que TLS. Sans --cert/--key, il crée un
  certificat au démarrage et affiche son empreinte SHA-256 : les clients
  l'épinglent avec « tp1 connect --tls --fingerprint … ». tp1 cert en crée un à
  réutiliser d'une séance à l'autre.
  Sans --tls, un client qui commence une poignée de main TLS lit une ligne lui
  disant de se connecter sans --tls, et le refus est noté (un nouveau venu est
  donc admis dès ses premiers octets, ou après 0,5 s de silence). En mode tube,
  les octets sont des données : une poignée de main part telle quelle sur la
  sortie standard, comme avec nc -l.
  --allow et --deny prennent des adresses ou des blocs CIDR, IPv4 ou IPv6 (blocs
  mappés aussi : ::ffff:0:0/96), et se répètent ; --deny l'emporte, et dès qu'un
  --allow est donné seules ces adresses entrent. Un client refusé lit une ligne
  qui dit pourquoi ; votre écran (ou stderr) le note.
  --password oblige chaque client à envoyer d'abord le mot de passe (tp1 connect
  --password ; avec nc, on le tape quand il est demandé, un CR final est ignoré).
  La réponse, bonne ou mauvaise, est immédiate ; une adresse qui s'est trompée
  5 fois peut réessayer une fois toutes les 12 s (les bonnes réponses ne coûtent
  rien), avec 3 demandes ouvertes au plus, et on lui dit quand revenir au lieu
  de lui redemander.

Options :
  -p, --port PORT        Port d'écoute (par défaut ${DEFAULT_PORT}).
      --host ADRESSE     N'écouter que sur une adresse, par ex. 127.0.0.1 : machine
                         seule (par défaut : toutes les interfaces IPv4 et IPv6).
      --chat             Salon : les clients se lisent entre eux (voir plus haut).
      --max-clients N    Au plus N clients à la fois (par défaut ${DEFAULT_MAX_CLIENTS}) ; le
                         suivant apprend que le serveur est plein, et part.
      --max-line OCTETS  Plus longue ligne acceptée d'un client (par défaut
                         ${DEFAULT_MAX_LINE_BYTES}, soit 64k ; suffixes k et m, jusqu'à 1m) :
                         la fin d'une ligne plus longue est jetée, et son auteur
                         (--chat) ou vous en êtes averti.
      --tls              Parler TLS (avec un certificat autosigné tout neuf, sauf
                         si --cert est donné).
      --cert FICHIER     Certificat (PEM) pour --tls, par ex. de tp1 cert ; le
                         fichier peut aussi contenir sa clé privée. Implique --tls.
      --key FICHIER      Sa clé privée (PEM), si le fichier --cert ne l'a pas.
      --allow CIDR|ADRESSE
                         N'accepter que ces adresses (répétable).
      --allow-file FICHIER
                         Idem, une par ligne (commentaires avec #).
      --deny CIDR|ADRESSE
                         Refuser ces adresses, même autorisées (répétable).
      --password[=SECRET]
                         Les clients doivent d'abord envoyer ce mot de passe ;
                         demandé sans écho si SECRET n'est pas donné.
      --password-file FICHIER
                         Le mot de passe est la première ligne de FICHIER.
      --idle SECONDES    Déconnecter un client après SECONDES secondes sans trafic.
      --once             S'arrêter quand le premier client part (comme au TP).
  -k, --keep-open        Mode tube : servir les clients l'un après l'autre au lieu
                         de s'arrêter.
      --max-waiting N    Mode tube : au plus N clients attendent leur tour (par
                         défaut ${DEFAULT_MAX_WAITING}) ; le suivant apprend que le serveur est occupé.
      --crlf             Finir les lignes envoyées par CRLF au lieu de LF.
  -u, --udp              Des datagrammes UDP au lieu de connexions TCP (voir plus haut).
      --record FICHIER   Garder un compte rendu de la séance dans FICHIER (terminal ou
                         --chat) : Markdown, ou texte brut si FICHIER finit par .txt.
                         Voir « Comptes rendus » plus bas.
  -v, --verbose          Signaler chaque connexion (les deux adresses) et, à sa
                         fermeture, les octets dans chaque sens, sa durée et le côté
                         qui a fermé le premier ; en mode tube, sur stderr.
      --lang fr|en       Messages en français ou en anglais (défaut : LANG).
  -h, --help             Afficher l'aide courte (tp1 help serve : celle-ci).

Exemples :
  tp1 serve                          discuter avec les clients sur le port ${DEFAULT_PORT}
  tp1 serve -p 8000 --once           un seul client, port 8000, comme server.py
  tp1 serve --chat                   un salon pour toute la classe
  tp1 serve --chat --max-clients 40 > salon.log &
                                     idem en arrière-plan, journal dans salon.log
  tp1 serve > recu.bin               recevoir un fichier (envoyé par le client)
  tp1 serve < notes.txt              envoyer un fichier au premier client
  tp1 serve --chat --tls --allow 192.168.100.0/24 --password
                                     salon TLS du sous-réseau, avec mot de passe
  tp1 serve --record seance.md       discuter et garder un compte rendu

Comptes rendus (--record FICHIER) :
  Chaque événement est écrit dans FICHIER au moment où il se produit, à la
  milliseconde : l'écoute, chaque connexion avec ses deux adresses, chaque ligne
  avec son auteur, les arrivées, départs et changements de nom, qui a fermé et
  comment, le nombre d'octets. Le fichier commence par la date, la commande (un
  mot de passe qui y figure est remplacé par … ; aucun mot de passe ni aucune
  clé n'est jamais écrit) et la version de tp1 ; la conversation est un bloc de
  code suivi d'un tableau des phases TCP, prêt à coller sous un titre du compte
  rendu de TP. Les lignes sont écrites aussitôt : un tp1 tué ne perd rien. Un
  nouveau FICHIER n'est lisible que par vous ; un FICHIER existant est complété.

Code de sortie : 0 une fois fini, 1 si le port ne peut pas être ouvert (le
message dit qui l'occupe) ou si la connexion échoue, 2 pour une erreur sur la
ligne de commande.`,
};
