import * as fs from 'fs';
import { displayName } from './file-names';

/**
 * What a symbolic link is, for the message that refuses it: where it points, and whether that is a loop or
 * nothing at all. The target is shown escaped, so a hostile link name cannot put control characters on a terminal.
 */
export function describeLink(absolutePath: string): string {
  let target: string;
  try {
    target = displayName(fs.readlinkSync(absolutePath, { encoding: 'buffer' }));
  } catch {
    return 'is a symbolic link';
  }
  try {
    fs.statSync(absolutePath);
    return `is a symbolic link (to ${target}); links are refused, never followed`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return `is a symbolic link in a loop (to ${target}); links are refused, never followed`;
    if (code === 'ENOENT') return `is a dangling symbolic link (to ${target}, which does not exist); links are refused, never followed`;
    return `is a symbolic link (to ${target}); links are refused, never followed`;
  }
}
