import type { LocaleMessages } from "./types";

// Wordings avoid “você”/“o senhor” and pronoun placement, so the texts read naturally in Portugal and Brazil.
export const pt: LocaleMessages = {
  languageName: "Português",
  email: {
    subject: ({ organizationName }) => `Convite de ${organizationName}`,
    preheader: ({ workflowName }) => `Abra o convite para “${workflowName}” e comece já.`,
    greetingNamed: (name) => `Olá, ${name}!`,
    greetingAnonymous: "Olá!",
    body: ({ organizationName, workflowName }) =>
      `Tem um novo convite de ${organizationName} para “${workflowName}”. Clique no botão abaixo para começar.`,
    buttonLabel: "Abrir convite",
    copyLink: "Ou copie este link para o navegador:",
    textLinkIntro: "Abra o convite através deste link:",
    expiry: (date) => `Este convite expira em ${date}.`,
    footer: (org) =>
      `Recebeu este e-mail porque ${org} enviou um convite para este endereço. Se não esperava este convite, pode ignorar este e-mail.`,
  },
  // No “ã”, “ç”, “á” or “ó” here: they are outside GSM-7.
  sms: {
    invitation: ({ organizationName, workflowName, url }) =>
      `Convite de ${organizationName} para "${workflowName}": ${url}`,
    fromOrganization: (org, url) => `Convite de ${org}: ${url}`,
    bare: (url) => `Tem um convite: ${url}`,
  },
  linkPages: {
    expired: {
      title: "Convite expirado",
      message: "Este link de convite expirou.",
      nextStep: (sender) =>
        sender === null ? "Peça um novo convite a quem o enviou." : `Peça um novo convite a ${sender}.`,
    },
    withdrawn: {
      title: "Convite retirado",
      message: (sender) =>
        sender === null
          ? "Quem enviou este convite retirou-o, por isso o link já não funciona."
          : `${sender} retirou este convite, por isso o link já não funciona.`,
      nextStep: (sender) => `Se acha que se trata de um erro, fale com ${sender ?? "quem enviou o convite"}.`,
    },
    declined: {
      title: "Convite recusado",
      message: "Este convite foi recusado, por isso o link já não funciona.",
      nextStep: (sender) => `Se mudou de ideias, peça um novo convite a ${sender ?? "quem o enviou"}.`,
    },
    notFound: {
      title: "Convite não encontrado",
      message: "Este link de convite não é válido. Verifique se abriu o link completo.",
    },
    preview: {
      notRedirected: "O link não abriu o convite?",
      openLink: "Abrir o convite",
    },
  },
};
