/** Français : l'aide de tp1 cert (`tp1 cert --help`, et tout dans `tp1 help cert`). */
import type { CertHelpValues, helpCertEn } from "../en/help_cert.ts";

/** L'aide courte et les détails de tp1 cert. */
export const helpCertFr: typeof helpCertEn = {
  short: ({ CERT_FILES, USAGE }: CertHelpValues): string =>
    `tp1 cert — créer un certificat TLS et sa clé pour tp1 serve --tls, à réutiliser

Usage : ${USAGE}

Écrit ${CERT_FILES.cert} (public : à donner aux clients) et ${CERT_FILES.key} (privé :
reste sur le serveur) dans le répertoire courant, et affiche les commandes qui
s'en servent.

Exemples :
  VM1$ tp1 cert
  VM1$ tp1 serve --tls --cert ${CERT_FILES.cert} --key ${CERT_FILES.key}
  VM2$ tp1 connect --tls --ca ${CERT_FILES.cert} 192.168.100.4   (${CERT_FILES.cert} copié)

Toutes les options (noms, validité, une autorité pour le TP) : tp1 help cert`,
  details: ({ CA_DAYS, CERT_FILES, DEFAULT_DAYS, MAX_DAYS, USAGE }: CertHelpValues): string =>
    `tp1 cert — créer un certificat TLS et sa clé pour tp1 serve --tls, à réutiliser

Usage : ${USAGE}

Écrit, dans DOSSIER (par défaut : le répertoire courant) :
  ${CERT_FILES.cert}   le certificat du serveur : public, à donner aux clients
  ${CERT_FILES.key}    sa clé privée, mode 600 : reste sur le serveur, jamais partagée
et affiche l'empreinte SHA-256 du certificat et les commandes exactes pour s'en
servir. Le certificat est autosigné, il est sa propre autorité : un client qui
en a une copie fait confiance au serveur avec « --ca ${CERT_FILES.cert} » ; un
client qui n'en a pas peut épingler l'empreinte à la place.

Le certificat nomme toutes les façons dont les clients peuvent joindre le
serveur, et un client vérifie que le nom qu'il a composé en fait partie. Par
défaut : le nom d'hôte et les adresses réseau de cette machine, plus localhost,
127.0.0.1 et ::1 ; avec --name, exactement les noms donnés.

Avec --ca, tp1 cert garde aussi une petite autorité de certification dans DOSSIER
(${CERT_FILES.caCert} et sa clé ${CERT_FILES.caKey}), créée au premier lancement
puis réutilisée, et le certificat du serveur est signé par elle. Les clients
font confiance une fois à « --ca ${CERT_FILES.caCert} », et tout certificat de
serveur créé ensuite avec cette autorité (une autre VM, un renouvellement) est
accepté sans rien leur recopier.

Options :
  -o, --out DOSSIER   Où écrire les fichiers (créé s'il manque ; par défaut .).
  -n, --name HÔTE     Un nom d'hôte ou une adresse IP qui mène au serveur.
                      Répétable, ou séparés par des virgules.
      --days N        Validité du certificat en jours (par défaut ${DEFAULT_DAYS}, au plus ${MAX_DAYS}).
      --ca            Signer avec une autorité gardée dans DOSSIER (voir plus
                      haut) ; l'autorité dure ${CA_DAYS} jours.
  -f, --force         Remplacer certificat et clé existants (jamais l'autorité).
      --lang fr|en    Messages en français ou en anglais (défaut : d'après LANG).
  -h, --help          Afficher l'aide courte (tp1 help cert affiche celle-ci).

Exemples :
  VM1$ tp1 cert
  VM1$ tp1 serve --tls --cert ${CERT_FILES.cert} --key ${CERT_FILES.key}
  VM2$ tp1 connect --tls --ca ${CERT_FILES.cert} 192.168.100.4   (${CERT_FILES.cert} copié)

  tp1 cert --name vm1 --name 192.168.100.4 --out certs-tp --days 120
  tp1 cert --ca --out autorite-tp --name vm1,192.168.100.4
  tp1 cert --ca --out autorite-tp --name vm2,192.168.100.5 --force
                    (même autorité, serveur suivant)

Code de sortie : 0 quand les fichiers sont écrits, 1 s'ils ne peuvent pas l'être
(ou existent déjà sans --force), 2 pour une erreur sur la ligne de commande.`,
};
