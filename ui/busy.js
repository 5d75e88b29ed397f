// busy.js - "the server is working": a thin bar across the top of the page (#busy) and
// aria-busy on <main>, shown while any request begun with busyStart() has been pending
// for more than DELAY ms. Quick answers show nothing (a bar flashing on every click is
// noise); a slow one (a large analysis, an evaluation) says that something is going on.
// api.js brackets every fetch with it.
import { addWords, t } from './i18n.js';

addWords({ 'busy.label': '正在加载…' }, { 'busy.label': 'Loading…' });

const DELAY = 300;
let late = 0; // requests pending for more than DELAY ms
let bar = null;

function draw() {
  if (!bar) {
    bar = document.createElement('div');
    bar.id = 'busy';
    bar.className = 'busy-bar';
    bar.setAttribute('role', 'progressbar');
    bar.hidden = true;
    document.body.prepend(bar);
  }
  bar.hidden = late === 0;
  bar.setAttribute('aria-label', t('busy.label'));
  const main = document.getElementById('view');
  if (main) {
    if (late) main.setAttribute('aria-busy', 'true');
    else main.removeAttribute('aria-busy');
  }
}

/** A request begins; call the function returned when it has ended (answered or failed). */
export function busyStart() {
  let counted = false, ended = false;
  const timer = setTimeout(() => { counted = true; late++; draw(); }, DELAY);
  return () => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    if (counted) { late--; draw(); }
  };
}

/** Whether the bar is showing (for tests and pages that want to know). */
export function isBusy() { return late > 0; }
