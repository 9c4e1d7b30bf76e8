import type { Child } from "hono/jsx";

/**
 * The table scaffolding mail clients need around an e-mail's content (they ignore most CSS layout): a
 * full-width page table, and in its centre a card of `width` pixels whose rows are `children`.
 */
export function EmailFrame(props: {
  pageStyle?: string;
  pageCellStyle?: string;
  width: number;
  cardStyle: string;
  children: Child;
}) {
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
