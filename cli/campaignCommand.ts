import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadLiveConfig } from '../adapters/live/loadLiveConfig.js';
import { campaignPaths, readCampaignFile, writeCampaignFile, type CampaignFile } from '../campaign/CampaignFile.js';
import { CampaignError } from '../campaign/CampaignError.js';
import { campaignReport } from '../campaign/campaignReport.js';
import { explanationStory } from '../campaign/explanationStory.js';
import { readCampaignState } from '../campaign/CampaignState.js';
import { groupStories, type StoryGroup } from '../campaign/planStories.js';
import { runCampaign, type CampaignOutcome } from '../campaign/runCampaign.js';
import { storyLibrary } from '../campaign/storyLibrary.js';
import { writeDurably } from '../adapters/live/writeDurably.js';
import { DAY, MINUTE } from '../model/Params.js';
import { PROFILE_IDS, findProfile } from '../model/profiles.js';
import { renderers } from '../reports/renderers.js';
import { ExitCode } from './ExitCode.js';
import type { Io } from './Io.js';
import type { Format } from './options.js';
import { reportMeta } from './reportMeta.js';
import { UsageError } from './UsageError.js';

export type CampaignStartOptions = {
  config: string;
  profiles: string;
  days: number;
  budgetRequests?: number;
  dir?: string;
  seed?: number;
  operator: boolean;
  maxSleep: number;
};

/** The profiles a `--profiles` value names: `all`, or ids separated by commas. */
function profilesNamed(value: string): string[] {
  if (value === 'all') return [...PROFILE_IDS];
  const ids = value.split(',').map((s) => s.trim());
  for (const id of ids)
    if (findProfile(id) === undefined)
      throw new UsageError(`unknown profile "${id}" in --profiles: expected all, or some of ${PROFILE_IDS.join(', ')}`);
  if (ids.length < 2) throw new UsageError('--profiles needs two profiles or more: a campaign tells them apart');
  return ids;
}

/** `photosync campaign start`: plans the stories, surveys the tenant, and runs until done or until the next step is far off. */
export async function campaignStart(options: CampaignStartOptions, io: Io): Promise<ExitCode> {
  const profiles = profilesNamed(options.profiles);
  const dir = resolve(options.dir ?? `photosync-campaigns/${new Date().toISOString().replace(/[:.]/g, '-')}`);
  if (existsSync(campaignPaths(dir).campaign)) throw new UsageError(`${dir} holds a campaign already: photosync campaign resume ${dir}`);
  const config = await loadLiveConfig(options.config);
  const { openLiveTenant } = await import('../adapters/live/openLiveTenant.js');
  const adapter = await openLiveTenant(options.config, { operator: options.operator, log: (line) => io.err(`${line}\n`) });
  try {
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    io.err(`photosync: finding on the simulator the stories that tell ${profiles.join(', ')} apart (seed ${seed})\n`);
    const groups = groupStories(
      await storyLibrary(
        profiles.map((id) => findProfile(id)!),
        adapter.capabilities,
        seed,
      ),
    );
    const now = adapter.clock.now();
    const file: CampaignFile = {
      format: 'photosync-campaign',
      version: 1,
      config: resolve(options.config),
      tenantId: config.tenantId,
      clientId: config.clientId,
      users: config.users.map((u) => u.id),
      profiles,
      seed,
      operator: options.operator,
      started: new Date(now).toISOString(),
      until: new Date(now + options.days * DAY).toISOString(),
      ...(options.budgetRequests === undefined ? {} : { budgetRequests: options.budgetRequests }),
    };
    await writeDurably(campaignPaths(dir).stories, `${JSON.stringify(groups)}\n`);
    await writeCampaignFile(dir, file);
    io.err(`photosync: campaign in ${dir}: ${groups.length} stories for ${file.users.length} test users\n`);
    return said(
      await runCampaign({ dir, file, adapter, groups, maxSleepMs: maxSleepOf(options.maxSleep, config), log: (l) => io.err(`${l}\n`) }),
      dir,
      io,
    );
  } finally {
    await adapter.close();
  }
}

/** `photosync campaign resume D`: goes on from the journal, making no action twice. */
export async function campaignResume(dir: string, options: { maxSleep: number }, io: Io): Promise<ExitCode> {
  const file = readCampaignFile(dir);
  if (readCampaignState(dir, { cut: false }).finished !== undefined) {
    io.err(`photosync: the campaign in ${dir} is over: photosync campaign report ${dir}\n`);
    return ExitCode.ok;
  }
  const config = await loadLiveConfig(file.config);
  if (
    config.tenantId !== file.tenantId ||
    config.clientId !== file.clientId ||
    config.users.map((u) => u.id).join(',') !== file.users.join(',')
  )
    throw new UsageError(
      `${file.config} is not the config this campaign started with (tenant ${file.tenantId}, app ${file.clientId}, users ${file.users.join(', ')}): a journal is resumed only on its own tenant`,
    );
  const groups = JSON.parse(readFileSync(campaignPaths(dir).stories, 'utf8')) as StoryGroup[];
  const { openLiveTenant } = await import('../adapters/live/openLiveTenant.js');
  const adapter = await openLiveTenant(file.config, { operator: file.operator, log: (line) => io.err(`${line}\n`) });
  try {
    return said(
      await runCampaign({ dir, file, adapter, groups, maxSleepMs: maxSleepOf(options.maxSleep, config), log: (l) => io.err(`${l}\n`) }),
      dir,
      io,
    );
  } catch (e) {
    // a timer that fires while the last resume still works is no failure
    if (!(e instanceof CampaignError && e.code === 'PHOTOSYNC_CAMPAIGN_BUSY')) throw e;
    io.err(`photosync: ${e.message}\n`);
    return ExitCode.ok;
  } finally {
    await adapter.close();
  }
}

/** `photosync campaign status D` and `campaign report D`: from the files alone, changing none. */
export function campaignStatus(dir: string, options: { format: Format }, io: Io): ExitCode {
  const file = readCampaignFile(dir);
  const report = campaignReport(dir, file, readCampaignState(dir, { cut: false }));
  io.out(renderers.campaign[options.format](report, reportMeta()));
  return ExitCode.ok;
}

/** `photosync campaign report D`: the verdicts, and each refutation explained by the smallest part of the journal it cannot explain. */
export function campaignReportCommand(dir: string, options: { format: Format }, io: Io): ExitCode {
  const file = readCampaignFile(dir);
  const state = readCampaignState(dir, { cut: false });
  const events = state.events.map((e) => e.event);
  const report = campaignReport(dir, file, state, (profile) =>
    state.start === undefined ? undefined : explanationStory(profile, state.start, events),
  );
  io.out(renderers.campaign[options.format](report, reportMeta()));
  return report.profiles.some((p) => p.verdict !== 'diverges') ? ExitCode.ok : ExitCode.diverges;
}

/** On a virtual clock (the emulator) nothing is far off; on real time, past `--max-sleep` minutes the process exits to be resumed. */
function maxSleepOf(minutes: number, config: { endpoints: { virtualClock?: string | undefined } }): number {
  return config.endpoints.virtualClock === undefined ? minutes * MINUTE : Infinity;
}

function said(outcome: CampaignOutcome, dir: string, io: Io): ExitCode {
  const refuted = [...outcome.refuted.keys()];
  const what = refuted.length === 0 ? 'no profile refuted yet' : `refuted: ${refuted.join(', ')}`;
  if (outcome.kind === 'done') io.err(`photosync: campaign over (${what}): photosync campaign report ${dir}\n`);
  else if (outcome.kind === 'sleeping')
    io.err(
      `photosync: next step due at ${new Date(outcome.next!).toISOString()} (${what}): run photosync campaign resume ${dir} then (cron or a timer does)\n`,
    );
  else if (outcome.kind === 'out-of-time') io.err(`photosync: the campaign's days are over (${what}): photosync campaign report ${dir}\n`);
  else io.err(`photosync: the campaign's requests are spent (${what}): photosync campaign report ${dir}\n`);
  return ExitCode.ok;
}
