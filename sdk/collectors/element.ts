// Reads a click's target off the composed path into the plain ElementInfo the detectors take.
import type { ElementInfo } from '../detectors/types';
import { elementLabel } from '../privacy';

const ACTIONABLE =
  'a[href],button,summary,label,input[type=submit],input[type=button],input[type=checkbox],input[type=radio],input[type=image],input[type=reset],' +
  '[role=button],[role=link],[role=tab],[role=menuitem],[role=checkbox]';
const IGNORED = '[data-forestall-ignore]';
// An attribute test, not `isContentEditable`: that property forces a style recalc on every click.
const EDITABLE = '[contenteditable]:not([contenteditable=false])';
const MASK = '[data-forestall-mask]';

/**
 * Describes the element a click belongs to: the closest actionable element on the composed path
 * (so a click on an icon inside a button is the button's, also inside open shadow roots), else the
 * element that was hit. Everything is read off the path, which holds the element's ancestors as
 * they were at the click: a description made a moment later holds even when the page has since
 * taken the icon out of its button, or the button out of a masked area.
 */
export function describeClickTarget(path: EventTarget[], mask: string): { info: ElementInfo; el: Element } | null {
  const hit = path.find((n): n is Element => n instanceof Element);
  if (!hit) return null;
  let actionable: Element | undefined;
  let editable = false;
  let ignored = false;
  let masked = false;
  const walk = (maskSelector: string) => {
    // One combined test per element: most of a path (body, wrappers) is none of these.
    const any = `${ACTIONABLE},${EDITABLE},${IGNORED},${maskSelector}`;
    for (const n of path)
      if (n instanceof Element && n.matches(any)) {
        if (!actionable && n.matches(ACTIONABLE)) actionable = n;
        editable ||= n.matches(EDITABLE);
        ignored ||= n.matches(IGNORED);
        masked ||= n.matches(maskSelector);
      }
  };
  try {
    walk(mask ? MASK + ',' + mask : MASK);
  } catch {
    // A mask selector the host got wrong must not leak labels: everything counts as masked.
    masked = true;
    walk(MASK);
  }
  // A click into a field is about the field, even inside a clickable label or row.
  const field = editable || /^(input|textarea|select)$/.test(hit.localName);
  const target = field ? (hit.matches(ACTIONABLE) ? hit : undefined) : actionable;
  const el = target || hit;
  const tag = el.localName;
  const label = masked ? '[masked]' : editable ? '' : elementLabel(el);
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
