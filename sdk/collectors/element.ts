// Reads a click's target off the composed path into the plain ElementInfo the detectors take.
import type { ElementInfo } from '../detectors/types';
import { elementLabel } from '../privacy';

const ACTIONABLE_TAGS = /^(a|button|summary|label)$/;
const ACTIONABLE_ROLES = /^(button|link|tab|menuitem|checkbox)$/;
const ACTIONABLE_INPUTS = /^(submit|button|checkbox|radio|image|reset)$/;
// An attribute test, not `isContentEditable`: that property forces a style recalc on every click.
const EDITABLE = '[contenteditable]:not([contenteditable=false])';

function isActionable(el: Element): boolean {
  const tag = el.localName;
  if (ACTIONABLE_TAGS.test(tag)) return tag !== 'a' || el.hasAttribute('href');
  if (tag === 'input') return ACTIONABLE_INPUTS.test((el as HTMLInputElement).type);
  return ACTIONABLE_ROLES.test(el.getAttribute('role') || '');
}

/**
 * Describes the element a click belongs to: the closest actionable element on the composed path
 * (so a click on an icon inside a button is the button's, also inside open shadow roots), else the
 * element that was hit. Costs a walk up the path and one label: it runs on every click.
 */
export function describeClickTarget(path: EventTarget[], mask: string): { info: ElementInfo; el: Element } | null {
  let hit: Element | undefined;
  let target: Element | undefined;
  let ignored = false;
  for (const node of path) {
    if (!(node instanceof Element)) continue;
    hit ||= node;
    if (!target && isActionable(node)) target = node;
    if (node.hasAttribute('data-forestall-ignore')) ignored = true;
  }
  if (!hit) return null;
  const editable = !!hit.closest(EDITABLE);
  // A click into a field is about the field, even inside a clickable label or row.
  if (/^(input|textarea|select)$/.test(hit.localName) || editable) target = isActionable(hit) ? hit : undefined;
  const el = target || hit;
  const tag = el.localName;
  const label = elementLabel(el, mask);
  const info: ElementInfo = {
    tag,
    label,
    actionable: !!target,
    // Same tag, id and label is "the same target" for joining repeated dead clicks: cheap, no DOM walk.
    key: tag + '#' + el.id + ':' + label,
  };
  const role = el.getAttribute('role');
  if (role) info.role = role.toLowerCase();
  if (tag === 'input') info.inputType = (el as HTMLInputElement).type;
  if (editable) info.editable = true;
  if (ignored) info.ignored = true;
  if (tag === 'a' && (el.getAttribute('target') === '_blank' || el.hasAttribute('download'))) info.opensElsewhere = true;
  return { info, el };
}
