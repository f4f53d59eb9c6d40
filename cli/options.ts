import { InvalidArgumentError, Option } from 'commander';
import { PROFILE_IDS, findProfile } from '../model/profiles.js';
import type { Profile } from '../model/Profile.js';
import { PROFILES } from '../model/profiles.js';
import { UsageError } from './UsageError.js';
import { FORMATS } from '../reports/Renderer.js';

export { FORMATS, type Format } from '../reports/Renderer.js';

/** `--format text|md|json|html`, shared by every command. */
export function formatOption(): Option {
  return new Option('--format <format>', 'output format: text for the terminal, md for a ticket, json to keep and diff, html to look at')
    .choices(FORMATS)
    .default('text');
}

/** `--profile ID|all`. */
export function profileOption(description: string, fallback?: string): Option {
  const option = new Option('--profile <id>', `${description} (${[...PROFILE_IDS, 'all'].join(', ')})`);
  // given twice, the first would be dropped without a word: a usage error instead
  let given = false;
  option.argParser((value: string) => {
    if (given) throw new InvalidArgumentError('give it once (one profile, or all)');
    given = true;
    return value;
  });
  return fallback === undefined ? option : option.default(fallback);
}

/** The profiles a `--profile` value names. */
export function selectProfiles(id: string | undefined): readonly Profile[] {
  if (id === undefined || id === 'all') return PROFILES;
  const profile = findProfile(id);
  if (profile === undefined) throw new UsageError(`unknown profile "${id}": expected one of ${[...PROFILE_IDS, 'all'].join(', ')}`);
  return [profile];
}
