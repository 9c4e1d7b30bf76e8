import type { LocaleMessages } from "./types";

// French typography wants a non-breaking space before “:” and inside « »; the SMS keeps plain spaces (GSM-7).
const NBSP = "\u00a0";

export const fr: LocaleMessages = {
  languageName: "Français",
  email: {
    subject: ({ organizationName }) => `${organizationName} vous a envoyé une invitation`,
    preheader: ({ workflowName }) => `Votre invitation pour «${NBSP}${workflowName}${NBSP}» vous attend.`,
    greetingNamed: (name) => `Bonjour ${name},`,
    greetingAnonymous: "Bonjour,",
    body: ({ organizationName, workflowName }) =>
      `${organizationName} vous invite à «${NBSP}${workflowName}${NBSP}». Cliquez sur le bouton ci-dessous pour commencer.`,
    buttonLabel: "Ouvrir l’invitation",
    copyLink: `Ou copiez ce lien dans votre navigateur${NBSP}:`,
    textLinkIntro: `Ouvrez votre invitation avec ce lien${NBSP}:`,
    // French writes the first day of a month as an ordinal: “le 1er mars”.
    expiry: (date) => `Cette invitation expire le ${date.replace(/^1(?=\D)/, "1er")}.`,
    // “car” rather than “parce que”: it needs no elision before names starting with a vowel.
    footer: (org) =>
      `Vous recevez cet e-mail car ${org} vous a envoyé une invitation. Si vous ne l’attendiez pas, vous pouvez ignorer ce message.`,
  },
  sms: {
    invitation: ({ organizationName, workflowName, url }) =>
      `${organizationName} vous invite à "${workflowName}" : ${url}`,
    fromOrganization: (org, url) => `${org} vous a envoyé une invitation : ${url}`,
    bare: (url) => `Votre invitation : ${url}`,
  },
  linkPages: {
    expired: {
      title: "Invitation expirée",
      message: "Ce lien d’invitation n’est plus valide.",
      nextStep: (sender) =>
        sender === null
          ? "Demandez une nouvelle invitation à la personne ou à l’organisation qui vous l’a envoyée."
          : `Demandez une nouvelle invitation à ${sender}.`,
    },
    withdrawn: {
      title: "Invitation retirée",
      message: (sender) =>
        `${sender ?? "L’expéditeur"} a retiré cette invitation, son lien ne fonctionne donc plus.`,
      nextStep: (sender) =>
        `S’il s’agit d’une erreur, contactez ${sender ?? "la personne ou l’organisation qui vous a invité"}.`,
    },
    declined: {
      title: "Invitation refusée",
      message: "Cette invitation a été refusée, son lien ne fonctionne donc plus.",
      nextStep: (sender) =>
        sender === null
          ? "Si vous avez changé d’avis, demandez une nouvelle invitation à la personne ou à l’organisation qui vous l’a envoyée."
          : `Si vous avez changé d’avis, demandez une nouvelle invitation à ${sender}.`,
    },
    notFound: {
      title: "Invitation introuvable",
      message: "Ce lien d’invitation n’est pas valide. Vérifiez que vous avez bien ouvert le lien complet.",
    },
    preview: {
      notRedirected: `Vous n’avez pas été redirigé vers votre invitation${NBSP}?`,
      openLink: "Ouvrir l’invitation",
    },
  },
};
