/** Past this many characters a chunk is handed on: about 64 KiB, a pipe's buffer. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The pieces of a long text joined into chunks of at least `size` characters (the last one may be shorter), so
 * that writing them takes one write per chunk, not one per piece (a report of 10,000 objects is 10,000 pieces),
 * while the whole text is never one string.
 */
export function* joinedChunks(pieces: Iterable<string>, size = CHUNK_CHARS): Generator<string> {
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}
