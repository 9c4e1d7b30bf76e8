import type { Child } from "hono/jsx";
import { renderHtmlDocument } from "./html";

interface FrameStyle {
  pageStyle?: string;
  pageCellStyle?: string;
  width: number;
  cardStyle: string;
}

/**
 * The table scaffolding mail clients need around an e-mail's content (they ignore most CSS layout): a
 * full-width page table, and in its centre a card of `width` pixels whose rows are `children`.
 */
function EmailFrame(props: FrameStyle & { children: Child }) {
  return (
    <table
      role="presentation"
      width="100%"
      cellpadding="0"
      cellspacing="0"
      border={0}
      style={props.pageStyle}
    >
      <tr>
        <td align="center" style={props.pageCellStyle}>
          <table
            role="presentation"
            width={String(props.width)}
            cellpadding="0"
            cellspacing="0"
            border={0}
            style={props.cardStyle}
          >
            {props.children}
          </table>
        </td>
      </tr>
    </table>
  );
}

/**
 * Every invitation e-mail's HTML: the head mail clients read (no reformatting on iOS, light scheme only),
 * `beforeFrame` (a hidden preheader), and the framed card whose table rows are `rows`.
 */
export function renderEmailDocument(document: {
  lang: string;
  title: string;
  bodyStyle: string;
  beforeFrame?: Child;
  frame: FrameStyle;
  rows: Child;
}): string {
  return renderHtmlDocument(
    <html lang={document.lang} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="X-UA-Compatible" content="IE=edge" />
        <meta name="x-apple-disable-message-reformatting" />
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
        <title>{document.title}</title>
      </head>
      <body style={document.bodyStyle}>
        {document.beforeFrame}
        <EmailFrame {...document.frame}>{document.rows}</EmailFrame>
      </body>
    </html>,
  );
}
