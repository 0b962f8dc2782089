// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lazyComponent } from '../../../components/lazy';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

/** A load the test finishes by hand, and how often it was asked for. */
function deferredView() {
  let finish!: () => void;
  let loads = 0;
  const loaded = new Promise<void>((resolve) => (finish = resolve));
  const load = async () => {
    loads++;
    await loaded;
    return ({ text }: { text: string | null }) => <p class="view">{text}</p>;
  };
  return { load, finish: () => finish(), loads: () => loads };
}

describe('lazyComponent', () => {
  it('says it is loading until its code has run, then shows the view; the code loads once', async () => {
    const view = deferredView();
    const Lazy = lazyComponent(view.load);
    await act(() => render(<Lazy text="hello" />, root));
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Loading the message…');
    view.finish();
    await vi.waitFor(() => expect(root.querySelector('.view')?.textContent).toBe('hello'));
    render(null, root);
    await act(() => render(<Lazy text="again" />, root));
    await vi.waitFor(() => expect(root.querySelector('.view')?.textContent).toBe('again'));
    expect(view.loads()).toBe(1);
  });

  it('keeps its own placeholder while the props are not ready, code loaded or not', async () => {
    const view = deferredView();
    const Lazy = lazyComponent(view.load, {
      loadingText: () => 'Searching…',
      ready: (props) => props.text !== null,
    });
    await act(() => render(<Lazy text="3 results" />, root));
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Searching…');
    view.finish();
    await vi.waitFor(() => expect(root.querySelector('.view')?.textContent).toBe('3 results'));
    await act(() => render(<Lazy text={null} />, root));
    expect(root.querySelector('.view')).toBeNull();
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Searching…');
  });
});
