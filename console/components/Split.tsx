// List-and-detail pages (triggers, tips, articles): the selected item in the list, and the detail pane with a way
// back to the list where the two do not fit side by side.
import type { ComponentChildren } from 'preact';
import { href } from '../router';

export function ItemLink({ to, selected, class: cls = 'item', children }: { to: string; selected: boolean; class?: string; children: ComponentChildren }) {
  return (
    <a href={href(to)} class={`${cls} ${selected ? 'is-selected' : ''}`} aria-current={selected ? 'true' : undefined}>
      {children}
    </a>
  );
}

export function DetailPane({ back, backLabel, children }: { back: string; backLabel: string; children: ComponentChildren }) {
  return (
    <div class="split-detail">
      <p class="crumbs narrow-only">
        <a href={href(back)}>{backLabel}</a>
      </p>
      {children}
    </div>
  );
}
