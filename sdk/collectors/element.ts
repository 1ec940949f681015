// Reads a click's target off the composed path into the plain ElementInfo the detectors take.
import type { ElementInfo } from '../detectors/types';
import { elementLabel } from '../privacy';

const ACTIONABLE_TAGS = /^(a|button|summary|label)$/;
const ACTIONABLE_ROLES = /^(button|link|tab|menuitem|checkbox)$/;
const ACTIONABLE_INPUTS = /^(submit|button|checkbox|radio|image|reset)$/;

function isActionable(el: Element): boolean {
  const tag = el.tagName.toLowerCase();
  if (ACTIONABLE_TAGS.test(tag)) return tag !== 'a' || el.hasAttribute('href');
  if (tag === 'input') return ACTIONABLE_INPUTS.test((el as HTMLInputElement).type);
  return ACTIONABLE_ROLES.test(el.getAttribute('role') || '');
}

/** A short path such as `main>div:2>button#save`, good enough to tell "the same target" apart. */
function keyOf(el: Element): string {
  const parts: string[] = [];
  for (let e: Element | null = el, i = 0; e && i < 4; e = e.parentElement, i++) {
    let part = e.tagName.toLowerCase();
    if (e.id) {
      parts.unshift(part + '#' + e.id);
      break;
    }
    const parent = e.parentElement;
    if (parent) part += ':' + Array.prototype.indexOf.call(parent.children, e);
    parts.unshift(part);
  }
  return parts.join('>');
}

/**
 * Describes the element a click belongs to: the closest actionable element on the composed path
 * (so a click on an icon inside a button is the button's, also inside open shadow roots), else the
 * element that was hit.
 */
export function describeClickTarget(path: EventTarget[], mask: string): { info: ElementInfo; el: Element } | null {
  let hit: Element | null = null;
  let target: Element | null = null;
  let ignored = false;
  for (const node of path) {
    if (!(node instanceof Element)) continue;
    if (!hit) hit = node;
    if (!target && isActionable(node)) target = node;
    if (node.hasAttribute('data-forestall-ignore')) ignored = true;
  }
  if (!hit) return null;
  // A click into a field is about the field, even inside a clickable label or row.
  if (/^(input|textarea|select)$/i.test(hit.tagName) || (hit as HTMLElement).isContentEditable) {
    target = isActionable(hit) ? hit : null;
  }
  const el = target || hit;
  const tag = el.tagName.toLowerCase();
  const info: ElementInfo = {
    tag,
    label: elementLabel(el, mask),
    actionable: !!target,
    key: keyOf(el),
  };
  const role = el.getAttribute('role');
  if (role) info.role = role.toLowerCase();
  if (tag === 'input') info.inputType = ((el as HTMLInputElement).type || 'text').toLowerCase();
  if ((hit as HTMLElement).isContentEditable) info.editable = true;
  if (ignored) info.ignored = true;
  if (tag === 'a' && (el.getAttribute('target') === '_blank' || el.hasAttribute('download'))) info.opensElsewhere = true;
  return { info, el };
}
