import type { Branch } from './Branch.js';
import type { SettingsFacts } from './SettingsTimeline.js';
import type { Photo } from './vocabulary.js';

/** The parts of a subject's state that evolve apart: a read consults one of them, with the Exchange side it derives from. */
export type Part = 'exchange' | 'sharepoint' | 'yammer';

/** A subject's possibilities, and the first line where each part had to drop some. */
export type Subject = {
  id: string;
  branches: Branch[];
  lost: { [P in Part]?: number };
  /**
   * Every photo any store of the subject may ever hold, kept or dropped possibility alike: its
   * header's and those its actions name (and `none`); undefined where a store held `unknown`
   * (any photo). A photo outside it is forbidden whatever was dropped.
   */
  ever: Set<Photo> | undefined;
  /** PHOTO-SOURCE: what the subject's own actions told of settings changes of unknown outcome (`SettingsTimeline.learn`) */
  settingsFacts?: SettingsFacts;
  /** The instant every push of its states due by then was made at (`enter`, `keyedAt`). */
  pushedTo: number;
};
