import type { LocaleMessages } from "./types";

export const de: LocaleMessages = {
  languageName: "Deutsch",
  email: {
    subject: ({ organizationName }) => `Einladung von ${organizationName}`,
    preheader: ({ workflowName }) => `Ihre Einladung zu „${workflowName}“ wartet auf Sie.`,
    greetingNamed: (name) => `Hallo ${name},`,
    greetingAnonymous: "Guten Tag,",
    body: ({ organizationName, workflowName }) =>
      `${organizationName} hat Sie zu „${workflowName}“ eingeladen. Klicken Sie auf die Schaltfläche unten, um zu beginnen.`,
    buttonLabel: "Einladung öffnen",
    copyLink: "Oder kopieren Sie diesen Link in Ihren Browser:",
    textLinkIntro: "Öffnen Sie Ihre Einladung über diesen Link:",
    expiry: (date) => `Diese Einladung läuft am ${date} ab.`,
    footer: (org) =>
      `Sie erhalten diese E-Mail, weil ${org} Sie eingeladen hat. Falls Sie keine Einladung erwartet haben, können Sie diese E-Mail ignorieren.`,
  },
  sms: {
    invitation: ({ organizationName, workflowName, url }) =>
      `${organizationName} hat Sie zu "${workflowName}" eingeladen: ${url}`,
    fromOrganization: (org, url) => `${org} hat Ihnen eine Einladung geschickt: ${url}`,
    bare: (url) => `Ihre Einladung: ${url}`,
  },
  linkPages: {
    expired: {
      title: "Einladung abgelaufen",
      message: "Dieser Einladungslink ist nicht mehr gültig.",
      nextStep: (sender) =>
        sender === null
          ? "Bitten Sie die Person oder Organisation, die Sie eingeladen hat, um eine neue Einladung."
          : `Bitten Sie ${sender} um eine neue Einladung.`,
    },
    withdrawn: {
      title: "Einladung zurückgezogen",
      message: (sender) =>
        `${sender ?? "Der Absender"} hat diese Einladung zurückgezogen, der Link ist daher nicht mehr gültig.`,
      nextStep: (sender) =>
        `Wenn Sie glauben, dass es sich um einen Irrtum handelt, wenden Sie sich an ${sender ?? "die Person oder Organisation, die Sie eingeladen hat"}.`,
    },
    declined: {
      title: "Einladung abgelehnt",
      message: "Diese Einladung wurde abgelehnt, der Link ist daher nicht mehr gültig.",
      nextStep: (sender) =>
        `Falls Sie es sich anders überlegt haben, bitten Sie ${sender ?? "die Person oder Organisation, die Sie eingeladen hat,"} um eine neue Einladung.`,
    },
    notFound: {
      title: "Einladung nicht gefunden",
      message:
        "Dieser Einladungslink ist ungültig. Bitte prüfen Sie, ob Sie den vollständigen Link geöffnet haben.",
    },
    preview: {
      notRedirected: "Nicht zu Ihrer Einladung weitergeleitet?",
      openLink: "Einladung öffnen",
    },
  },
};
