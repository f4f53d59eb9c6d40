import { Option } from 'commander';
import { PROFILE_IDS, findProfile } from '../model/profiles.js';
import type { Profile } from '../model/Profile.js';
import { PROFILES } from '../model/profiles.js';
import { UsageError } from './UsageError.js';

export const FORMATS = ['text', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/** `--format text|json`, shared by every command. */
export function formatOption(): Option {
  return new Option('--format <format>', 'output format').choices(FORMATS).default('text');
}

/** `--profile ID|all`. */
export function profileOption(description: string, fallback?: string): Option {
  const option = new Option('--profile <id>', `${description} (${[...PROFILE_IDS, 'all'].join(', ')})`);
  return fallback === undefined ? option : option.default(fallback);
}

/** The profiles a `--profile` value names. */
export function selectProfiles(id: string | undefined): readonly Profile[] {
  if (id === undefined || id === 'all') return PROFILES;
  const profile = findProfile(id);
  if (profile === undefined) throw new UsageError(`unknown profile "${id}": expected one of ${[...PROFILE_IDS, 'all'].join(', ')}`);
  return [profile];
}
