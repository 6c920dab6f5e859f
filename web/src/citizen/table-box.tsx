// A wide table's box: it scrolls sideways on a phone, so it must be reachable and named for keyboard
// and screen-reader users (WCAG 2.1.1; axe scrollable-region-focusable).
import type { ComponentChildren } from 'preact';

export const TableBox = ({ label, children }: { label: string; children: ComponentChildren }) => (
  // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
  <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>{children}</div>
);
