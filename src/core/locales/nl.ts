import type { LocaleMessages } from "./types";

export const nl: LocaleMessages = {
  languageName: "Nederlands",
  email: {
    subject: ({ organizationName }) => `Uitnodiging van ${organizationName}`,
    preheader: ({ workflowName }) => `Uw uitnodiging voor “${workflowName}” staat klaar.`,
    greetingNamed: (name) => `Beste ${name},`,
    greetingAnonymous: "Hallo,",
    body: ({ organizationName, workflowName }) =>
      `${organizationName} heeft u uitgenodigd voor “${workflowName}”. Klik op de knop hieronder om te beginnen.`,
    buttonLabel: "Uitnodiging openen",
    copyLink: "Of kopieer deze link naar uw browser:",
    textLinkIntro: "Open uw uitnodiging via deze link:",
    expiry: (date) => `Deze uitnodiging verloopt op ${date}.`,
    footer: (org) =>
      `U ontvangt deze e-mail omdat ${org} u heeft uitgenodigd. Had u deze uitnodiging niet verwacht? Dan kunt u deze e-mail negeren.`,
  },
  sms: {
    invitation: ({ organizationName, workflowName, url }) =>
      `${organizationName} nodigt u uit voor "${workflowName}": ${url}`,
    fromOrganization: (org, url) => `${org} heeft u een uitnodiging gestuurd: ${url}`,
    bare: (url) => `Uw uitnodiging: ${url}`,
  },
  linkPages: {
    expired: {
      title: "Uitnodiging verlopen",
      message: "Deze uitnodigingslink is niet meer geldig.",
      nextStep: (sender) =>
        sender === null
          ? "Vraag de persoon of organisatie die u heeft uitgenodigd om een nieuwe uitnodiging."
          : `Vraag ${sender} om een nieuwe uitnodiging.`,
    },
    withdrawn: {
      title: "Uitnodiging ingetrokken",
      message: (sender) =>
        `${sender ?? "De afzender"} heeft deze uitnodiging ingetrokken, dus de link werkt niet meer.`,
      nextStep: (sender) =>
        `Denkt u dat dit een vergissing is? Neem dan contact op met ${sender ?? "de persoon of organisatie die u heeft uitgenodigd"}.`,
    },
    declined: {
      title: "Uitnodiging afgewezen",
      message: "Deze uitnodiging is afgewezen, dus de link werkt niet meer.",
      nextStep: (sender) =>
        `Bent u van gedachten veranderd? Vraag ${sender ?? "de persoon of organisatie die u heeft uitgenodigd"} om een nieuwe uitnodiging.`,
    },
    notFound: {
      title: "Uitnodiging niet gevonden",
      message: "Deze uitnodigingslink is ongeldig. Controleer of u de volledige link hebt geopend.",
    },
    preview: {
      notRedirected: "Niet doorgestuurd naar uw uitnodiging?",
      openLink: "Open de uitnodiging",
    },
  },
};
