/** The app's one polite live region (lib/announce.ts): visually hidden, read by screen readers when it changes. */
import { useEffect, useState } from 'react';
import { onAnnounce } from '../lib/announce';

export function LiveRegion() {
  const [text, setText] = useState('');
  useEffect(() => onAnnounce(setText), []);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
      {text}
    </div>
  );
}
