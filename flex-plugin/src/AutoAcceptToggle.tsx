import * as React from 'react';
import type { PauseStore } from './pauseStore';

/** A small switch in the Flex header: "Auto-accept on" / "Auto-accept paused". */
export function AutoAcceptToggle({ store }: { store: PauseStore }): React.ReactElement {
  const [paused, setPaused] = React.useState(store.paused);
  React.useEffect(() => store.subscribe(setPaused), [store]);
  return (
    <button
      type="button"
      aria-pressed={!paused}
      title={paused ? 'New tasks wait for you to accept them' : 'New tasks are accepted for you'}
      onClick={() => store.set(!paused)}
      style={{
        margin: '0 12px', padding: '4px 10px', borderRadius: 12, border: '1px solid currentColor',
        background: 'transparent', color: 'inherit', cursor: 'pointer', font: 'inherit', fontSize: 12,
      }}
    >
      {paused ? 'Auto-accept paused' : 'Auto-accept on'}
    </button>
  );
}
