import { createHash } from 'crypto';

/**
 * The id git gives `bytes` as a blob in a SHA-1 repository (`git hash-object --no-filters`), so a file can be
 * compared with a deploy-repo entry without running git. Publish's working copy is always a SHA-1 repository.
 */
export function blobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
