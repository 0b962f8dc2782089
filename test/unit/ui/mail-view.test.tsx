// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MailView } from '../../../components/MailView';

let host: HTMLElement;
afterEach(() => {
  render(null, host);
  host.remove();
});

function mount(vnode: preact.ComponentChild): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  void act(() => render(vnode, host));
  return host;
}

describe('MailView', () => {
  it('renders HTML in a sandboxed frame without scripts, same origin, forms or top navigation', () => {
    const root = mount(
      <MailView
        html='<p onclick="x()">Hi</p><script>x()</script>'
        allowRemote={false}
        onAllowRemote={() => {}}
      />,
    );
    const frame = root.querySelector('iframe')!;
    expect(frame.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    const srcdoc = frame.getAttribute('srcdoc') ?? (frame as HTMLIFrameElement).srcdoc;
    expect(srcdoc).toMatch(/Content-Security-Policy/);
    expect(srcdoc).toContain('<p>Hi</p>');
    expect(srcdoc).not.toMatch(/onclick|<script/);
  });

  it('offers to load blocked remote content with a real button', () => {
    const onAllowRemote = vi.fn();
    const root = mount(
      <MailView
        html='<img src="https://cdn.test/a.png">'
        allowRemote={false}
        onAllowRemote={onAllowRemote}
      />,
    );
    const button = root.querySelector('button')!;
    expect(button.getAttribute('type')).toBe('button');
    expect(button.textContent).toBeTruthy();
    void act(() => button.click());
    expect(onAllowRemote).toHaveBeenCalledOnce();
  });

  it('shows no button when nothing was blocked or remote content is allowed', () => {
    expect(
      mount(<MailView html="<p>plain</p>" allowRemote={false} onAllowRemote={() => {}} />).querySelector(
        'button',
      ),
    ).toBeNull();
    render(null, host);
    host.remove();
    const root = mount(
      <MailView html='<img src="https://cdn.test/a.png">' allowRemote onAllowRemote={() => {}} />,
    );
    expect(root.querySelector('button')).toBeNull();
    expect((root.querySelector('iframe') as HTMLIFrameElement).srcdoc).toContain('https://cdn.test/a.png');
  });

  it('renders a plain-text body as text, with safe links', () => {
    const root = mount(
      <MailView text={'<b>not bold</b> see https://a.test/x'} allowRemote={false} onAllowRemote={() => {}} />,
    );
    expect(root.querySelector('iframe, b')).toBeNull();
    expect(root.querySelector('pre')?.textContent).toContain('<b>not bold</b>');
    const link = root.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://a.test/x');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });
});
