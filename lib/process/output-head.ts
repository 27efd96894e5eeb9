import { StringDecoder } from 'string_decoder';

/** How an {@link OutputHead} keeps a child's output. */
export interface OutputHeadProps {
  /** lines kept; later ones are only counted @default 60 */
  readonly maxLines?: number;
  /** characters kept of each line; the rest is only counted @default 400 */
  readonly maxLineChars?: number;
  /** lines left out, neither kept nor counted (git's progress display), judged by their kept head @default - none */
  readonly skip?: (line: string) => boolean;
}

const DEFAULT_MAX_LINES = 60;
const DEFAULT_MAX_LINE_CHARS = 400;

/**
 * The head of a child's output (its stderr), as an error message can show it: the first lines, each cut short, with
 * a note of what was left out. It is kept as it arrives, in bounded memory, so a child that floods its output, or
 * prints one endless line (the source line of a bundle that threw), cannot fill kfops' memory. A line ends at `\n`,
 * `\r\n` or a lone `\r` (how a progress display redraws its line); bytes are decoded as UTF-8 across chunks.
 */
export class OutputHead {
  private readonly maxLines: number;
  private readonly maxLineChars: number;
  private readonly lines: string[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private current = '';
  private cut = 0;
  private moreLines = 0;
  /** the last chunk ended with `\r`: a `\n` starting the next one ends no line of its own */
  private afterCarriageReturn = false;

  constructor(private readonly props: OutputHeadProps = {}) {
    this.maxLines = props.maxLines ?? DEFAULT_MAX_LINES;
    this.maxLineChars = props.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  }

  add(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let start = 0;
    if (this.afterCarriageReturn && text.startsWith('\n')) start = 1;
    this.afterCarriageReturn = false;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      this.append(text, start, i);
      this.endLine();
      if (c === CR) {
        if (i + 1 === text.length) this.afterCarriageReturn = true;
        else if (text.charCodeAt(i + 1) === LF) i++;
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
    return this.cut > 0 ? `${this.current}... (${this.cut} more characters)` : this.current;
  }
}

const LF = 0x0a;
const CR = 0x0d;
