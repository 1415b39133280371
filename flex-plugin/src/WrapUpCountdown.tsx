import * as React from 'react';
import { EXTEND_SECONDS, WrapUpTimers } from './wrapUp';

/** In the task canvas header during wrap-up: "Auto wrap-up in 0:25" and a button that adds 30 seconds. */
export function WrapUpCountdown({ task, timers }: { task?: { sid?: string }; timers: WrapUpTimers }): React.ReactElement | null {
  const sid = task?.sid ?? '';
  const [, tick] = React.useState(0);
  React.useEffect(() => timers.subscribe(() => tick((n) => n + 1)), [timers]);
  const left = timers.remaining(sid);
  React.useEffect(() => {
    if (left === null) return undefined;
    const interval = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(interval);
  }, [left === null]);
  if (left === null) return null;
  const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return (
    <span role="timer" aria-live="polite" style={{ display: 'inline-flex', alignItems: 'center', gap: 8, fontSize: 12, margin: '0 8px' }}>
      Auto wrap-up in {text}
      <button
        type="button"
        onClick={() => timers.extend(sid)}
        style={{ padding: '2px 8px', borderRadius: 12, border: '1px solid currentColor', background: 'transparent', color: 'inherit', cursor: 'pointer', font: 'inherit' }}
      >
        +{EXTEND_SECONDS} s
      </button>
    </span>
  );
}
