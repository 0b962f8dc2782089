import type { ButtonHTMLAttributes } from 'preact';

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** The action is running: the button says so and ignores presses, but keeps keyboard focus. */
  busy: boolean;
}

/**
 * A button for an action that takes a moment. While it runs the button is aria-disabled rather than
 * disabled: a disabled button drops keyboard focus to <body>, and the person would have to find their place again.
 */
export function ActionButton({ busy, onClick, type = 'button', ...rest }: Props) {
  return (
    <button
      {...rest}
      type={type}
      aria-disabled={busy ? 'true' : undefined}
      aria-busy={busy}
      onClick={(e) => {
        if (busy) {
          e.preventDefault();
          return;
        }
        onClick?.(e);
      }}
    />
  );
}
