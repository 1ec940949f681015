import { describe, expect, it } from 'vitest';
import { signal, useWatch } from './signals';
import { renderInto, settle } from './test/dom';

describe('useWatch', () => {
  it('re-renders on every change of a watched signal, back and forth, and not for others', async () => {
    const a = signal('one');
    const other = signal(0);
    let renders = 0;
    function View() {
      useWatch(a);
      renders++;
      return <p>{a.value}</p>;
    }
    const el = await renderInto(<View />);
    expect(el.textContent).toBe('one');
    for (const v of ['two', 'one', 'two']) {
      a.value = v;
      await settle();
      expect(el.textContent).toBe(v);
    }
    const before = renders;
    other.value = 1;
    await settle();
    expect(renders).toBe(before);
  });

  it('catches a change made after the render but before it subscribed', async () => {
    const a = signal(1);
    function View() {
      useWatch(a);
      if (a.peek() == 1) queueMicrotask(() => (a.value = 2));
      return <p>{a.value}</p>;
    }
    const el = await renderInto(<View />);
    await settle();
    expect(el.textContent).toBe('2');
  });
});
