import { StringDecoder } from 'string_decoder';

/** How an {@link OutputHead} keeps a child's output. */
export interface OutputHeadProps {
  /** lines kept; later ones are only counted @default 60 */
  readonly maxLines?: number;
  /** characters kept of each line; the rest is only counted @default 400 */
  readonly maxLineChars?: number;
  /** lines left out, neither kept nor counted (git's progress display), judged by their kept head @default - none */
  readonly skip?: (line: string) => boolean;
  /**
   * What a lone `\r` does: `overwrites` the line, as a terminal shows it (a progress bar redrawn a hundred times is
   * one line, and the error after it is still shown), or `ends-line`
   * @default 'overwrites'
   */
  readonly carriageReturn?: 'overwrites' | 'ends-line';
  /**
   * A line that is cut loses its unfinished last word too, so that no part of a token is shown (a credential in a
   * URL, which a redaction of whole tokens would no longer recognise)
   * @default false
   */
  readonly dropCutWord?: boolean;
}

const DEFAULT_MAX_LINES = 60;
const DEFAULT_MAX_LINE_CHARS = 400;

/**
 * The head of a child's output (its stderr), as an error message can show it: the first lines, each cut short, with
 * a note of what was left out. It is kept as it arrives, in bounded memory, so a child that floods its output, or
 * prints one endless line (the source line of a bundle that threw), cannot fill kfops' memory. A line ends at `\n` or
 * `\r\n`; a lone `\r` (how a progress display redraws its line) overwrites it or ends it, as the props say. Bytes are
 * decoded as UTF-8 across chunks.
 */
export class OutputHead {
  private readonly maxLines: number;
  private readonly maxLineChars: number;
  private readonly lines: string[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private current = '';
  private cut = 0;
  private moreLines = 0;
  /** the last chunk ended with `\r`: the next one says whether it ends the line (`\r\n`) or redraws it */
  private afterCarriageReturn = false;

  constructor(private readonly props: OutputHeadProps = {}) {
    this.maxLines = props.maxLines ?? DEFAULT_MAX_LINES;
    this.maxLineChars = props.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  }

  add(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (text === '') return;
    let start = 0;
    if (this.afterCarriageReturn) {
      this.afterCarriageReturn = false;
      if (text.charCodeAt(0) === LF) {
        this.endLine();
        start = 1;
      } else {
        this.carriageReturn();
      }
    }
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      this.append(text, start, i);
      if (c === LF) {
        this.endLine();
      } else if (i + 1 === text.length) {
        // A `\r\n` split between chunks, or a line redrawn: the next chunk says which.
        this.afterCarriageReturn = true;
      } else if (text.charCodeAt(i + 1) === LF) {
        this.endLine();
        i++;
      } else {
        this.carriageReturn();
      }
      start = i + 1;
    }
    this.append(text, start, text.length);
  }

  /** What was kept, lines joined by `\n` and trimmed, with a note where lines or characters were left out. */
  text(): string {
    const tail = this.decoder.end();
    if (tail) this.add(tail);
    const lines = [...this.lines];
    let more = this.moreLines;
    // The last line, if the output did not end with a line break.
    if ((this.current || this.cut) && !this.skipped()) {
      if (lines.length < this.maxLines) lines.push(this.shown());
      else more++;
    }
    if (more > 0) lines.push(`... (${more} more line${more === 1 ? '' : 's'})`);
    return lines.join('\n').trim();
  }

  private append(text: string, from: number, to: number): void {
    if (from >= to) return;
    const room = Math.max(this.maxLineChars - this.current.length, 0);
    const take = Math.min(room, to - from);
    if (take > 0) this.current += text.slice(from, from + take);
    this.cut += to - from - take;
  }

  private carriageReturn(): void {
    if (this.props.carriageReturn === 'ends-line') {
      this.endLine();
    } else {
      this.current = '';
      this.cut = 0;
    }
  }

  private endLine(): void {
    if (!this.skipped()) {
      if (this.lines.length < this.maxLines) this.lines.push(this.shown());
      else this.moreLines++;
    }
    this.current = '';
    this.cut = 0;
  }

  private skipped(): boolean {
    return this.props.skip?.(this.current) ?? false;
  }

  private shown(): string {
    if (this.cut === 0) return this.current;
    const kept = this.props.dropCutWord ? this.current.replace(/\S+$/, '') : this.current;
    return `${kept}... (${this.cut + this.current.length - kept.length} more characters)`;
  }
}

const LF = 0x0a;
const CR = 0x0d;
