// Reads a click's target off the composed path into the plain ElementInfo the detectors take.
import type { ElementInfo } from '../detectors/types';
import { elementLabel } from '../privacy';

// One selector, so finding the actionable ancestor is one native `closest()` call: this runs on
// every click, usually in code the engine has not optimised yet, where each DOM call counts.
const ACTIONABLE =
  'a[href],button,summary,label,input[type=submit],input[type=button],input[type=checkbox],input[type=radio],input[type=image],input[type=reset],' +
  '[role=button],[role=link],[role=tab],[role=menuitem],[role=checkbox]';
const IGNORED = '[data-forestall-ignore]';
// An attribute test, not `isContentEditable`: that property forces a style recalc on every click.
const EDITABLE = '[contenteditable]:not([contenteditable=false])';

/** `closest()` that continues past shadow roots, following the click's composed path. */
function closestOnPath(path: EventTarget[], selector: string): Element | undefined {
  for (const node of path) {
    if (!(node instanceof Element)) continue;
    const found = node.closest(selector);
    if (found) return found;
    // Jump to the shadow host: the path's next element after this tree's root.
    const root = node.getRootNode();
    if (!(root instanceof ShadowRoot)) return undefined;
    const i = path.indexOf(root);
    if (i < 0) return undefined;
    return closestOnPath(path.slice(i + 1), selector);
  }
  return undefined;
}

/**
 * Describes the element a click belongs to: the closest actionable element on the composed path
 * (so a click on an icon inside a button is the button's, also inside open shadow roots), else the
 * element that was hit.
 */
export function describeClickTarget(path: EventTarget[], mask: string): { info: ElementInfo; el: Element } | null {
  const hit = path.find((n): n is Element => n instanceof Element);
  if (!hit) return null;
  const editable = !!hit.closest(EDITABLE);
  // A click into a field is about the field, even inside a clickable label or row.
  const field = editable || /^(input|textarea|select)$/.test(hit.localName);
  const target = field ? (hit.matches(ACTIONABLE) ? hit : undefined) : closestOnPath(path, ACTIONABLE);
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
  if (closestOnPath(path, IGNORED)) info.ignored = true;
  if (tag === 'a' && (el.getAttribute('target') === '_blank' || el.hasAttribute('download'))) info.opensElsewhere = true;
  return { info, el };
}
