import { TollwayError, type TollwayErrorOptions } from '@tollway/core';

/** Stable codes of state-file failures. */
export type StateFileErrorCode =
  /** The file exists but is not JSON, or does not match its schema. */
  | 'state_file_corrupt'
  /** Another process held the lock file for longer than the wait allows. */
  | 'state_file_locked'
  /** The file could not be read or written (permissions, disk full). */
  | 'state_file_io';

/**
 * A state file that cannot be read or written. `path` names the file so a user can fix or
 * remove it; a corrupt file is never silently replaced.
 *
 * @example
 * ```ts
 * const err = new StateFileError('state_file_corrupt', 'data/buyer.state.json', 'not valid JSON');
 * err.message; // 'data/buyer.state.json is corrupt: not valid JSON\n\nDetails: …'
 * ```
 */
export class StateFileError extends TollwayError {
  override readonly name = 'StateFileError';
  override readonly code: StateFileErrorCode;
  readonly path: string;

  constructor(code: StateFileErrorCode, path: string, reason: string, options: TollwayErrorOptions = {}) {
    super(code, messageFor(code, path, reason), { details: detailsFor(code, path), ...options });
    this.code = code;
    this.path = path;
  }
}

function messageFor(code: StateFileErrorCode, path: string, reason: string): string {
  if (code === 'state_file_corrupt') return `${path} is corrupt: ${reason}`;
  if (code === 'state_file_locked') return `${path} is locked by another process: ${reason}`;
  return `${path} could not be read or written: ${reason}`;
}

function detailsFor(code: StateFileErrorCode, path: string): string | undefined {
  if (code === 'state_file_corrupt') {
    return `Fix the file by hand, or move it away (for example to ${path}.bak) to start with an empty state.`;
  }
  if (code === 'state_file_locked') {
    return `If no other Tollway process is running, remove ${path}.lock.`;
  }
  return undefined;
}
