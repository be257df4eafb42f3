/** Français : l'aide de tp1 connect (`tp1 connect --help`, et tout dans `tp1 help connect`). */
import type { ConnectHelpValues, helpConnectEn } from "../en/help_connect.ts";

/** L'aide courte et les détails de tp1 connect. */
export const helpConnectFr: typeof helpConnectEn = {
  short: ({ DEFAULT_PORT }: ConnectHelpValues): string =>
    `tp1 connect — se connecter à un serveur tp1 (ou tout serveur TCP), le client.py

Usage : tp1 connect HÔTE [PORT] [options]

HÔTE est le nom ou l'adresse du serveur (192.168.100.4) ; PORT : ${DEFAULT_PORT} par défaut.
Sur un terminal, vous avez une invite : chaque ligne tapée est envoyée, et ce
que le serveur envoie s'affiche au-dessus. « exit » (envoyé aussi, comme le fait
client.py), Ctrl-D ou Ctrl-C quitte. Entrée ou sortie vers un fichier ou un
tube : comme nc, les octets passent tels quels, et tp1 attend la dernière
réponse du serveur.

Options courantes :
  -p, --port PORT          Port du serveur (par défaut ${DEFAULT_PORT}).
      --tls                Chiffrer, et vérifier qui est le serveur.
      --password           Le serveur demande un mot de passe : le taper.
      --wait               Serveur pas encore lancé : réessayer jusqu'à ce qu'il réponde.
      --record FICHIER     Noter la séance dans FICHIER, pour le compte rendu.
  -u, --udp                Envoyer des datagrammes UDP à la place (comme nc -u).
  -v, --verbose            Montrer la durée de chaque étape de la connexion.

Exemples :
  tp1 connect 192.168.100.4            discuter avec le serveur de VM1
  tp1 connect vm1:8000                 un autre port
  tp1 connect 192.168.100.4 < fichier  envoyer un fichier (VM1 : tp1 serve > f)

Toutes les options et TLS en détail : tp1 help connect`,
  details: ({ DEFAULT_PORT, DEFAULT_TIMEOUT_S, USAGE }: ConnectHelpValues): string =>
    `tp1 connect — se connecter à un serveur tp1 (ou tout serveur TCP), le client.py

Usage : ${USAGE}

HÔTE est un nom (vm1, localhost), une adresse IPv4 (192.168.100.4) ou une
adresse IPv6 (::1). HÔTE:PORT et [IPV6]:PORT marchent aussi. PORT vaut ${DEFAULT_PORT} par
défaut. Quand un nom a plusieurs adresses, chacune est essayée à son tour.

Sur un terminal, tp1 connect est une discussion : une invite (client@HÔTE:PORT$),
chaque ligne tapée est envoyée au serveur, et ce que le serveur envoie s'affiche
au-dessus de l'invite sous la forme « from server: ... » pendant que vous tapez.
Les caractères de contrôle et séquences d'échappement venant du serveur sont
affichés échappés, jamais exécutés. Tapez « exit » (envoyé d'abord au serveur,
comme le fait le client.py du TP), Ctrl-D ou Ctrl-C pour quitter ; les lignes
déjà tapées sont quand même livrées.

Quand l'entrée ou la sortie standard n'est pas un terminal, tp1 connect se
comporte comme « nc -N » : les octets de stdin vont tels quels au serveur, ceux
du serveur vont tels quels sur stdout (caractères de contrôle échappés si stdout
est encore un terminal) ; à la fin de stdin, tp1 dit au serveur qu'il n'a plus
rien à envoyer (il ferme son sens de la connexion) et continue de lire jusqu'à
ce que le serveur ferme, pour ne perdre aucune réponse tardive.

Avec --tls, la connexion est chiffrée et le serveur doit prouver qui il est :
son certificat est vérifié auprès des autorités de certification du système,
ou de --ca FICHIER, ou doit avoir l'empreinte SHA-256 donnée par --fingerprint (ce
qu'affichent « tp1 serve --tls » et « tp1 cert »). Si la vérification échoue,
tp1 s'arrête sur une erreur avant d'envoyer quoi que ce soit ; il ne repasse
jamais en clair. Un serveur autosigné est refusé avec son empreinte et la
commande exacte pour l'épingler : comparez d'abord cette empreinte avec celle
affichée sur l'écran du serveur.

Options :
  -p, --port PORT          Port du serveur (par défaut ${DEFAULT_PORT}).
      --tls                Parler TLS, et vérifier le certificat du serveur.
      --ca FICHIER         Faire confiance aux certificats de FICHIER (PEM ; un lot, ou
                           le certificat du serveur venant de tp1 cert) au lieu des
                           autorités du système. Répétable. Implique --tls.
      --fingerprint EMPREINTE
                           Faire confiance exactement au certificat qui a cette
                           empreinte SHA-256, quels que soient ses noms et ses dates
                           (pour un serveur autosigné). Implique --tls. Ses 20
                           premiers chiffres hexadécimaux suffisent (80 bits : trop
                           pour être contrefaits), par ex.
                           --fingerprint A1F3:C77D:9DFB:3BC6:AEED (vu sur serve).
      --insecure           Ne pas vérifier du tout le serveur (chiffré, mais
                           n'importe qui sur le chemin pourrait se faire passer pour
                           lui) ; avertit à chaque fois. Implique --tls. Ni avec
                           --fingerprint ni avec --ca.
      --password[=SECRET]  Le serveur demande un mot de passe (serve --password) :
                           le demander ici, sans écho, avant de se connecter
                           (=SECRET le donne sur la ligne de commande).
                           Sans cette option, un mot de passe demandé par le
                           serveur à l'invite se tape aussi sans écho.
      --password-file FICHIER
                           Lire le mot de passe sur la première ligne de FICHIER.
      --timeout SECONDES   Abandonner la connexion après ce délai (par défaut
                           ${DEFAULT_TIMEOUT_S}), et de même pour la poignée de main TLS avec --tls.
      --wait [SECONDES]    Serveur pas encore lancé ? Réessayer (sans fin, ou
                           SECONDES secondes), en montrant où on en est ; Ctrl-C
                           arrête d'attendre.
      --idle SECONDES      Fermer la connexion après SECONDES secondes sans trafic.
      --crlf               Terminer les lignes tapées par CRLF au lieu de LF.
      --record FICHIER     Garder un compte rendu de la discussion dans FICHIER (sur
                           un terminal) : chaque ligne avec son auteur et son heure
                           (à la ms), les adresses de la connexion, qui a fermé et
                           le nombre d'octets, en Markdown (texte brut si FICHIER finit
                           par .txt), prêt à coller dans un compte rendu de TP.
                           Écrit ligne par ligne ; ne contient jamais le mot de
                           passe. Un nouveau FICHIER n'est lisible que par vous ; un
                           FICHIER existant est complété.
  -v, --verbose            Sur un terminal : la durée de la résolution du nom, de
                           la connexion TCP (poignée de main en trois temps) et de
                           la poignée de main TLS (avec sa version et son
                           chiffrement), l'adresse locale choisie, et à la fin les
                           octets dans chaque sens, la durée et qui a fermé le
                           premier. En mode tube : la connexion et les octets sur
                           stderr.
      --lang fr|en         Messages en français ou en anglais (défaut : LANG).
  -h, --help               Afficher l'aide courte (tp1 help connect : celle-ci).

Exemples :
  tp1 connect 192.168.100.4            discuter avec le serveur de VM1
  tp1 connect vm1:8000                 un autre port
  tp1 connect 192.168.100.4 < fichier  envoyer un fichier (VM1 : tp1 serve > f)
  echo "GET / HTTP/1.0" | tp1 connect example.lan 80
  tp1 connect -v --record chat.md 192.168.100.4
                                       discuter, avec les durées et un compte rendu
  tp1 connect --tls --ca tp1-cert.pem 192.168.100.4
                                       TLS vers « serve --tls --cert tp1-cert.pem »
  tp1 connect --tls --fingerprint 3A:5F:...:C2 192.168.100.4
                                       TLS vers le certificat autosigné d'un serveur

Sans --tls, un serveur qui répond en TLS est reconnu et tp1 s'arrête en disant
d'ajouter --tls : en 2 s pour tp1 serve --tls, à la première ligne envoyée pour
les autres. Avec --tls, un serveur qui répond en clair (tp1 serve sans --tls le
fait aussitôt) est reconnu et tp1 s'arrête en disant de retirer --tls.

Avec --udp (-u), il n'y a aucune connexion : tp1 dit où partent ses
datagrammes, pas qu'il est connecté, puisque rien ne lui dit qu'un serveur est
là tant qu'il n'a pas répondu. Sur un terminal, une ligne tapée part en un
datagramme, et chaque datagramme reçu s'affiche avec son expéditeur et sa taille
(« from 192.168.100.4:7999 (6 octets) : salut »), échappé. Des datagrammes
peuvent se perdre ou arriver dans le désordre, et rien ne dit quand le serveur
s'en va ; quand sa machine répond « port injoignable », tp1 dit que personne
n'écoute sur ce port UDP. En mode tube, comme « nc -u » : l'entrée standard part
en datagrammes (un par lecture, coupés à 65 507 octets), les réponses vont sur
la sortie standard, et après la fin de l'entrée tp1 attend que le serveur soit
resté silencieux --linger secondes, puis sort avec le code 0 (1 si personne
n'écoute). Une adresse de diffusion (192.168.100.255 : toutes les machines du
sous-réseau) demande --broadcast. Les options liées à une connexion (--tls,
--password, --wait, --idle, --record…) ne vont pas avec --udp.
  -u, --udp                Envoyer des datagrammes UDP au lieu de se connecter en TCP.
      --broadcast          Avec --udp : autoriser une adresse de diffusion, et
                           entendre chaque machine qui répond.
      --linger SECONDES    Avec --udp, en mode tube : après la fin de l'entrée,
                           attendre les réponses jusqu'à ce que le serveur se taise
                           aussi longtemps (1 par défaut).

Code de sortie : 0 quand la séance se termine normalement, 1 quand la connexion
échoue (refusée, hôte inconnu, délai dépassé, réinitialisée, serveur non reconnu,
pas TLS, parle TLS sans --tls, mot de passe refusé), 2 pour une erreur sur la
ligne de commande.`,
};
