/**
 * Whether a stream is a terminal. @types/node declares `isTTY` as boolean, but
 * on a stream that is not a terminal (a pipe, a file) it is undefined.
 */
export function isTerminal(stream: { isTTY?: boolean }): boolean {
  return stream.isTTY === true;
}
