/** Names that appear inside an invitation. */
export interface InvitationNames {
  organizationName: string;
  workflowName: string;
}

/**
 * Every text the product shows or sends, in one language.
 * Texts with variables are functions so that each language can place (and inflect around) them freely.
 */
export interface LocaleMessages {
  /** The language's name in that language, as shown in a language picker. */
  languageName: string;
  email: {
    subject: (names: InvitationNames) => string;
    /** Shown by mail clients next to the subject; the visible body does not repeat it. */
    preheader: (names: InvitationNames) => string;
    greetingNamed: (recipientName: string) => string;
    greetingAnonymous: string;
    body: (names: InvitationNames) => string;
    buttonLabel: string;
    /** Introduces the raw link under the button, for clients that break buttons. */
    copyLink: string;
    /** Introduces the link in the plain-text part, where there is no button. */
    textLinkIntro: string;
    /** `formattedDate` is already formatted for this language. */
    expiry: (formattedDate: string) => string;
    footer: (organizationName: string) => string;
  };
  /**
   * SMS templates. Their fixed parts must use only the GSM-7 basic character set, or the SMS would be
   * sent as UCS-2 and split after 70 characters. They go from richest to shortest: the renderer falls
   * back to the next one when names do not fit.
   */
  sms: {
    invitation: (names: InvitationNames & { url: string }) => string;
    fromOrganization: (organizationName: string, url: string) => string;
    bare: (url: string) => string;
  };
  linkPages: {
    expired: {
      title: string;
      message: string;
      /** `sender` is null when the organization is unknown to the page. */
      nextStep: (sender: string | null) => string;
    };
    /** The sender revoked the invitation (or deleted the group it invited to). */
    withdrawn: {
      title: string;
      /** `sender` is null when the page does not know who sent the invitation. */
      message: (sender: string | null) => string;
      nextStep: (sender: string | null) => string;
    };
    /** The recipient declined the invitation (in the customer's app). */
    declined: {
      title: string;
      message: string;
      nextStep: (sender: string | null) => string;
    };
    notFound: {
      title: string;
      message: string;
    };
    /** Under a link preview: for a person whose browser was taken for a preview bot. */
    preview: {
      notRedirected: string;
      openLink: string;
    };
  };
}
