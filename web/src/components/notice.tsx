import type { ReactNode } from 'react';

/**
 * A message after an action. Errors are alerts (read at once); confirmations are polite status
 * messages, read when the screen reader is free.
 */
export function Notice({ kind, children }: { kind: 'error' | 'success' | 'info'; children: ReactNode }) {
  return (
    <div className={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
