import { DEFAULT_MAX_FILE_BYTES } from '../manifest';

/**
 * Bytes of changed files (the deploy repo's before, the output's after) that one publish reads and parses for its
 * change summary. The deploy repo is not trusted, and a 500 MB file in it must not cost gigabytes: a file over the
 * per-file limit (the manifest reader's, 64 MiB) is never read, nor any file once this total is spent, so the
 * summary costs at most what one file at the limit does. Such files are listed as changed, without their objects.
 */
const SUMMARY_TOTAL_BYTES = DEFAULT_MAX_FILE_BYTES;

/** Decides, file by file, what may still be read under a per-file and a total limit. */
export class ReadBudget {
  private left: number;

  constructor(
    /** Largest file read. @default DEFAULT_MAX_FILE_BYTES */
    readonly perFile = DEFAULT_MAX_FILE_BYTES,
    /** Most bytes read in all. @default SUMMARY_TOTAL_BYTES */
    total = SUMMARY_TOTAL_BYTES,
  ) {
    this.left = total;
  }

  /** True, and the size is spent, when a file of `size` bytes may be read. */
  take(size: number): boolean {
    if (size > this.perFile || size > this.left) return false;
    this.left -= size;
    return true;
  }
}
