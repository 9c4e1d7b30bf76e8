import { describe, it } from "vitest";
import { renderVortexEmail } from "../../src/core/render-vortex-email";

describe("Vortex e-mail rendering", () => {
  it("fills the widget's template with the template variables, escaping them in HTML", ({ expect }) => {
    const email = renderVortexEmail({
      organizationName: "Acme",
      inviterName: "Jo <Admin>",
      subjectTemplate: "{{inviterName}} invited you to {{teamName}}",
      bodyTemplate: "Join {{teamName}} at {{companyName}}.\n\nUnknown: [{{nope}}]",
      variables: { teamName: "R&D", companyName: 'Acme "Inc"' },
      link: "https://link.example/i/abc?x=1&y=2",
    });
    expect(email.subject).toBe("Jo <Admin> invited you to R&D");
    expect(email.text).toContain('Join R&D at Acme "Inc".');
    expect(email.text).not.toContain("Unknown");
    expect(email.text).toContain("https://link.example/i/abc?x=1&y=2");
    expect(email.html).toContain("Join R&amp;D at Acme &quot;Inc&quot;.");
    expect(email.html).toContain('href="https://link.example/i/abc?x=1&amp;y=2"');
    expect(email.html).toContain("&lt;Admin&gt;");
    expect(email.html).not.toContain("<Admin>");
  });

  it("has a default subject and body naming the inviter and the organization", ({ expect }) => {
    const email = renderVortexEmail({
      organizationName: "Acme",
      inviterName: null,
      subjectTemplate: null,
      bodyTemplate: null,
      variables: {},
      link: "https://link.example/i/abc",
    });
    expect(email.subject).toBe("You're invited to join Acme");
    expect(email.text).toContain("You're invited to join Acme.");
    expect(email.html).toContain("https://link.example/i/abc");
  });

  it("fills teamName from the scope, and never sends a blank word: the default takes over", ({ expect }) => {
    const seeded = {
      organizationName: "Acme",
      inviterName: "John",
      subjectTemplate: "{{inviterName}} invited you to {{teamName}}",
      bodyTemplate: "Join {{teamName}} at Acme.",
      variables: {},
      link: "https://link.example/i/abc",
    };
    const scoped = renderVortexEmail({ ...seeded, scopeName: "Engineering" });
    expect(scoped.subject).toBe("John invited you to Engineering");
    expect(scoped.text).toContain("Join Engineering at Acme.");
    const unscoped = renderVortexEmail(seeded);
    expect(unscoped.subject).toBe("John invited you to join Acme");
    expect(unscoped.text).toContain("John invited you to join Acme.");
    const anonymous = renderVortexEmail({
      ...seeded,
      inviterName: null,
      subjectTemplate: "{{inviterName}} says hi",
    });
    expect(anonymous.subject).toBe("You're invited to join Acme");
  });
});
