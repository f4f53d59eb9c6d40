import type { Rule } from '../Rule.js';
import { ADMIN } from '../vocabulary.js';

export const photoSource: Rule = {
  id: 'PHOTO-SOURCE',
  statement:
    "The tenant's photo update settings decide where photos may change: cloud stops AD photos and, with allowed roles, refuses others' changes; onPremises refuses every change but AD's; a new setting takes effect within settingsLag.",
  source: 'MSDOC profilephoto-configure-settings (2024)',
  params: ['settingsLag'],
  reading:
    'Each action made from a change of the settings until settingsLag after it is judged by the old or the new settings, independently of the others; an action made before the change, by the settings then in force. An AD write is judged when it is made, even where DirSync carries it after a change ("an AD write judged then"). A setting change of unknown outcome leaves both settings possible, until an action of the subject tells which: an outcome that no world without the change allows says it happened, one that no world with it allows says it did not (within settingsLag a change that happened still leaves the old settings possible, so an action then can only tell that it happened); the later actions of that subject are judged knowing it. An AD write DirSync carries under some of the settings possible and not under the others is a possibility for each, which keeps what it took for the later actions of the subject (ExchangeSide.settingsFacts), so that a read of Exchange ruling one out tells the other. Each subject is checked apart, so what the actions of one subject tell is not applied to another (a superset). The acting user is `by`, or the subject, or admin for the admin cmdlets; a user the header gives no roles has none; admin has every role.',
  rejects(a, ctx) {
    if (a.do !== 'setPhoto' && a.do !== 'removePhoto') return false;
    if (a.via === 'on-prem-ad') return false;
    const s = ctx.settings;
    if (s.source === 'onPremises') return true;
    if (s.source !== 'cloud' || s.allowedRoles.length === 0) return false;
    const by = a.by ?? (a.via === 'admin-cmdlet' ? ADMIN : a.user);
    return !ctx.hasAnyRole(by, s.allowedRoles);
  },
  stopsDirSync(_a, ctx) {
    return ctx.settings.source === 'cloud';
  },
};
