import type { LocaleMessages } from "./types";

/**
 * “il 12 marzo”, but “l’8 marzo” and “l’11 marzo” (the article elides before a vowel sound) and
 * “il 1º marzo” (Italian writes the first day of a month as an ordinal).
 */
function withArticle(date: string): string {
  if (/^1\D/.test(date)) return `il 1º${date.slice(1)}`;
  return /^(8|11)\D/.test(date) ? `l’${date}` : `il ${date}`;
}

export const it: LocaleMessages = {
  languageName: "Italiano",
  email: {
    subject: ({ organizationName }) => `Invito da ${organizationName}`,
    preheader: ({ workflowName }) => `Il suo invito a «${workflowName}» la aspetta.`,
    greetingNamed: (name) => `Gentile ${name},`,
    greetingAnonymous: "Buongiorno,",
    body: ({ organizationName, workflowName }) =>
      `${organizationName} la invita a partecipare a «${workflowName}». Faccia clic sul pulsante qui sotto per iniziare.`,
    buttonLabel: "Apri l’invito",
    copyLink: "Oppure copi questo link nel suo browser:",
    textLinkIntro: "Apra il suo invito con questo link:",
    expiry: (date) => `L’invito scade ${withArticle(date)}.`,
    footer: (org) =>
      `Ha ricevuto questa e-mail perché ${org} le ha inviato un invito. Se non se lo aspettava, può ignorare questo messaggio.`,
  },
  sms: {
    invitation: ({ organizationName, workflowName, url }) =>
      `${organizationName} la invita a "${workflowName}": ${url}`,
    fromOrganization: (org, url) => `${org} le ha inviato un invito: ${url}`,
    bare: (url) => `Il suo invito: ${url}`,
  },
  linkPages: {
    expired: {
      title: "Invito scaduto",
      message: "Questo link di invito non è più valido.",
      nextStep: (sender) =>
        sender === null
          ? "Chieda un nuovo invito alla persona o all’organizzazione che glielo ha inviato."
          : `Chieda un nuovo invito a ${sender}.`,
    },
    withdrawn: {
      title: "Invito ritirato",
      message: (sender) =>
        `${sender ?? "Il mittente"} ha ritirato questo invito, quindi il link non funziona più.`,
      nextStep: (sender) =>
        sender === null
          ? "Se pensa che si tratti di un errore, contatti la persona o l’organizzazione che le ha inviato l’invito."
          : `Se pensa che si tratti di un errore, contatti ${sender}.`,
    },
    declined: {
      title: "Invito rifiutato",
      message: "Questo invito è stato rifiutato, quindi il link non funziona più.",
      nextStep: (sender) =>
        sender === null
          ? "Se ha cambiato idea, chieda un nuovo invito alla persona o all’organizzazione che glielo ha inviato."
          : `Se ha cambiato idea, chieda un nuovo invito a ${sender}.`,
    },
    notFound: {
      title: "Invito non trovato",
      message: "Questo link di invito non è valido. Verifichi di aver aperto il link completo.",
    },
    preview: {
      notRedirected: "Non è arrivato al suo invito?",
      openLink: "Apri l’invito",
    },
  },
};
