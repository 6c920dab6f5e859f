// A wide table's box: it scrolls sideways on a phone, so it must be reachable and named for keyboard
// and screen-reader users (WCAG 2.1.1; axe scrollable-region-focusable).
import type { ComponentChildren } from 'preact';

export const TableBox = ({ label, children }: { label: string; children: ComponentChildren }) => (
  // A <section> with a name is a region landmark.
  // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take focus so a keyboard can scroll it (WCAG 2.1.1).
  <section class="table-wrap" aria-label={label} tabIndex={0}>{children}</section>
);
