import type { LocaleMessages } from "./types";

export const es: LocaleMessages = {
  languageName: "Español",
  email: {
    subject: ({ organizationName }) => `Invitación de ${organizationName}`,
    preheader: ({ workflowName }) => `Su invitación a «${workflowName}» le está esperando.`,
    // Spanish letters put a colon, not a comma, after the greeting.
    greetingNamed: (name) => `Hola, ${name}:`,
    greetingAnonymous: "Hola:",
    body: ({ organizationName, workflowName }) =>
      `${organizationName} le ha invitado a «${workflowName}». Haga clic en el botón de abajo para empezar.`,
    buttonLabel: "Abrir invitación",
    copyLink: "O copie este enlace en su navegador:",
    textLinkIntro: "Abra su invitación con este enlace:",
    expiry: (date) => `Esta invitación caduca el ${date}.`,
    footer: (org) =>
      `Ha recibido este correo porque ${org} le ha enviado una invitación. Si no la esperaba, puede ignorar este mensaje.`,
  },
  // No “ó”, “á”, “í” or “ú” here: they are outside GSM-7 (hence “le ha invitado”, never “invitación”).
  sms: {
    invitation: ({ organizationName, workflowName, url }) =>
      `${organizationName} le invita a "${workflowName}": ${url}`,
    fromOrganization: (org, url) => `${org} le ha invitado: ${url}`,
    bare: (url) => `Le han invitado: ${url}`,
  },
  linkPages: {
    expired: {
      title: "Invitación caducada",
      message: "Este enlace de invitación ya no es válido.",
      nextStep: (sender) =>
        sender === null
          ? "Pida una nueva invitación a la persona u organización que se la envió."
          : `Pida una nueva invitación a ${sender}.`,
    },
    withdrawn: {
      title: "Invitación retirada",
      message: (sender) =>
        sender === null
          ? "Quien le envió esta invitación la ha retirado, por lo que su enlace ya no funciona."
          : `${sender} ha retirado esta invitación, por lo que su enlace ya no funciona.`,
      nextStep: (sender) =>
        `Si cree que se trata de un error, póngase en contacto con ${sender ?? "la persona u organización que le invitó"}.`,
    },
    declined: {
      title: "Invitación rechazada",
      message: "Esta invitación fue rechazada, por lo que su enlace ya no funciona.",
      nextStep: (sender) =>
        `Si ha cambiado de opinión, pida una nueva invitación a ${sender ?? "la persona u organización que se la envió"}.`,
    },
    notFound: {
      title: "Invitación no encontrada",
      message: "Este enlace de invitación no es válido. Compruebe que ha abierto el enlace completo.",
    },
    preview: {
      notRedirected: "¿No ha llegado a su invitación?",
      openLink: "Abrir la invitación",
    },
  },
};
