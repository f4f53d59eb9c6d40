import { formatSpan } from './formatTime.js';

/** A trace event in a few words: `setPhoto alice p1 via outlook-web`, `sp-people-picker of alice to bob: p0`. */
export function describeEvent(event: Record<string, unknown>): string {
  const s = (key: string) => (event[key] === undefined ? '' : String(event[key]));
  if (event.see !== undefined) return `${s('see')} of ${s('user')} to ${s('viewer')}: ${s('photo')}`;
  const result = event.result === undefined || event.result === 'ok' ? '' : ` (${s('result')})`;
  switch (event.do) {
    case 'setPhoto':
      return `setPhoto ${s('user')} ${s('photo')} via ${s('via')}${event.by === undefined ? '' : ` by ${s('by')}`}${event.bytes === undefined ? '' : `, ${s('bytes')} bytes`}${result}`;
    case 'removePhoto':
      return `removePhoto ${s('user')} via ${s('via')}${result}`;
    case 'restartClient':
      return `restartClient ${s('client')} of ${s('viewer')}${result}`;
    case 'clearBrowserCache':
      return `clearBrowserCache of ${s('viewer')}${result}`;
    case 'setPolicy':
      return `setPolicy ${s('user')} setPhotoEnabled=${s('setPhotoEnabled')}${result}`;
    case 'wait':
      return typeof event.ms === 'number' ? `wait ${formatSpan(event.ms)}` : `wait ${s('ms')} ms`;
    default:
      return `${s('do')} ${s('user')}${result}`;
  }
}
