import type { Plugin } from 'vite';

type Transform = (
  this: { error(message: string): never },
  code: string,
  id: string,
) => { code: string } | null;

/** Runs a Vite plugin's `transform` hook as the build would, with `this.error` throwing. */
export function runTransform(plugin: Plugin, code: string, id: string): { code: string } | null {
  const hook = plugin.transform as Transform;
  return hook.call(
    {
      error(message: string): never {
        throw new Error(message);
      },
    },
    code,
    id,
  );
}
