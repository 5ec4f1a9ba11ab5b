export type Style = 'red' | 'yellow' | 'blue' | 'dim' | 'bold';

/** Wraps text in a style, or leaves it as it is. */
export type Paint = (style: Style, text: string) => string;

const ANSI: Record<Style, readonly [number, number]> = { red: [31, 39], yellow: [33, 39], blue: [34, 39], dim: [2, 22], bold: [1, 22] };

export const plain: Paint = (_style, text) => text;
const ansi: Paint = (style, text) => `\x1b[${ANSI[style][0]}m${text}\x1b[${ANSI[style][1]}m`;

/** Colour only on a terminal, and never when NO_COLOR is set to anything but '' (no-color.org). */
export function paintFor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): Paint {
  return stream.isTTY === true && !env.NO_COLOR ? ansi : plain;
}
