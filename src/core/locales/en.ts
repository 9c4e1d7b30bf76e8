import type { LocaleMessages } from "./types";

export const en: LocaleMessages = {
  languageName: "English",
  email: {
    subject: ({ organizationName }) => `${organizationName} has invited you`,
    preheader: ({ workflowName }) => `Your invitation to “${workflowName}” is waiting for you.`,
    greetingNamed: (name) => `Hello ${name},`,
    greetingAnonymous: "Hello,",
    body: ({ organizationName, workflowName }) =>
      `${organizationName} has invited you to “${workflowName}”. Click the button below to get started.`,
    buttonLabel: "Open invitation",
    copyLink: "Or copy this link into your browser:",
    textLinkIntro: "Open your invitation with this link:",
    expiry: (date) => `This invitation expires on ${date}.`,
    footer: (org) =>
      `You received this email because ${org} invited you. If you weren’t expecting it, you can safely ignore this email.`,
  },
  sms: {
    invitation: ({ organizationName, workflowName, url }) =>
      `${organizationName} invited you to "${workflowName}": ${url}`,
    fromOrganization: (org, url) => `${org} sent you an invitation: ${url}`,
    bare: (url) => `Your invitation: ${url}`,
  },
  linkPages: {
    expired: {
      title: "Invitation expired",
      message: "This invitation link is no longer valid.",
      nextStep: (sender) =>
        sender === null
          ? "Ask the person or organization that invited you for a new invitation."
          : `Ask ${sender} for a new invitation.`,
    },
    withdrawn: {
      title: "Invitation withdrawn",
      message: (sender) =>
        `${sender ?? "The sender"} has withdrawn this invitation, so its link no longer works.`,
      nextStep: (sender) =>
        `If you think this is a mistake, contact ${sender ?? "the person or organization that invited you"}.`,
    },
    declined: {
      title: "Invitation declined",
      message: "This invitation was declined, so its link no longer works.",
      nextStep: (sender) =>
        `If you have changed your mind, ask ${sender ?? "the person or organization that invited you"} for a new invitation.`,
    },
    notFound: {
      title: "Invitation not found",
      message: "This invitation link is not valid. Check that you opened the complete link.",
    },
    preview: {
      notRedirected: "Not taken to your invitation?",
      openLink: "Open the invitation",
    },
  },
};
