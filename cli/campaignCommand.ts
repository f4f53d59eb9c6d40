import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadLiveConfig } from '../adapters/live/loadLiveConfig.js';
import { campaignPaths, readCampaignFile, writeCampaignFile, type CampaignFile } from '../campaign/CampaignFile.js';
import { CampaignError } from '../campaign/CampaignError.js';
import { campaignReport } from '../campaign/campaignReport.js';
import { explanationStory } from '../campaign/explanationStory.js';
import { fitTimings } from '../campaign/fitTimings.js';
import { observedDelays } from '../campaign/observedDelays.js';
import { campaignFinished, readCampaignState } from '../campaign/CampaignState.js';
import { groupStories, type StoryGroup } from '../campaign/planStories.js';
import { runCampaign, type CampaignOutcome, type CampaignStop } from '../campaign/runCampaign.js';
import type { LiveAdapter } from '../adapters/live/createLiveAdapter.js';
import { storyLibrary } from '../campaign/storyLibrary.js';
import { minimalExplanation } from '../campaign/minimalExplanation.js';
import { replaySteps } from '../campaign/replaySteps.js';
import { OBSERVED } from '../campaign/CampaignStory.js';
import { writeDurably } from '../adapters/live/writeDurably.js';
import { DAY, MINUTE } from '../model/Params.js';
import { PROFILE_IDS, findProfile } from '../model/profiles.js';
import { subjectOf } from '../model/vocabulary.js';
import { renderers } from '../reports/renderers.js';
import { count } from '../reports/_internals/count.js';
import { compareReports } from '../diff/compareReports.js';
import { diffRenderers } from '../reports/diffRenderers.js';
import { diffHeadline } from '../reports/diffText.js';
import type { DiffReport } from '../reports/DiffReport.js';
import { REPORT_SCHEMA } from '../reports/ReportMeta.js';
import { readReport } from './diffCommand.js';
import { ExitCode } from './ExitCode.js';
import type { Io } from './Io.js';
import type { Format } from './options.js';
import { reportMeta } from './reportMeta.js';
import { UsageError } from './UsageError.js';
import { originalsWaiting } from '../adapters/live/Originals.js';
import { StateFolderBusyError } from '../adapters/live/StateFolderBusyError.js';
import { lockCampaign } from '../campaign/campaignLock.js';

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
  return onTenant(options.config, options.operator, io, async (adapter) => {
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
    await createCampaign(dir, file, groups);
    io.err(`photosync: campaign in ${dir}: ${count(groups.length, 'story', 'stories')} for ${count(file.users.length, 'test user')}\n`);
    return said(await run(dir, file, adapter, groups, maxSleepOf(options.maxSleep, config), io), dir, io);
  });
}

/** `photosync campaign resume D`: goes on from the journal, making no action twice. */
export async function campaignResume(dir: string, options: { maxSleep: number }, io: Io): Promise<ExitCode> {
  const file = readCampaignFile(dir);
  // from the plan alone: a damaged journal line is the run's to put right, not a reason to refuse
  if (campaignFinished(dir) !== undefined) {
    io.err(`photosync: the campaign in ${dir} is over: photosync campaign report ${dir}\n`);
    // a restore cut short (a kill while it put the originals back) is not the campaign's to redo
    const config = await loadLiveConfig(file.config).catch(() => undefined);
    if (config !== undefined && (await originalsWaiting(join(config.stateDir, 'originals'))))
      io.err(`photosync: what it changed is still backed up, not yet put back: photosync restore --config ${file.config}\n`);
    return ExitCode.ok;
  }
  const config = await loadLiveConfig(file.config);
  if (
    config.tenantId !== file.tenantId ||
    config.clientId !== file.clientId ||
    !file.users.every((u) => config.users.some((c) => c.id === u))
  )
    throw new UsageError(
      `${file.config} is not the config this campaign started with (tenant ${file.tenantId}, app ${file.clientId}, users ${file.users.join(', ')}): a journal is resumed only on its own tenant`,
    );
  const groups = JSON.parse(readFileSync(campaignPaths(dir).stories, 'utf8')) as StoryGroup[];
  try {
    return await onTenant(file.config, file.operator, io, async (adapter) =>
      said(await run(dir, file, adapter, groups, maxSleepOf(options.maxSleep, config), io), dir, io),
    );
  } catch (e) {
    // a timer that fires while the last resume still works is no failure
    const busy = stillAtWork(e, dir);
    if (busy === undefined) throw e;
    io.err(`photosync: ${busy.message}\n`);
    return ExitCode.ok;
  }
}

/**
 * The campaign's own lock held by a live process, as the error that says so, when `e` is a refusal
 * for that reason: its state folder busy (held then by the same process), or the campaign itself.
 * Undefined for another refusal: a run started by hand on the same state folder is not the campaign at work.
 */
function stillAtWork(e: unknown, dir: string): CampaignError | undefined {
  if (e instanceof CampaignError && e.code === 'PHOTOSYNC_CAMPAIGN_BUSY') return e;
  if (!(e instanceof StateFolderBusyError)) return undefined;
  try {
    lockCampaign(dir)();
    return undefined;
  } catch (busy) {
    if (busy instanceof CampaignError && busy.code === 'PHOTOSYNC_CAMPAIGN_BUSY') return busy;
    throw busy;
  }
}

/** Opens the live tenant of a config (with or without an operator), hands it to `body`, and lets go of it after. */
async function onTenant<T>(config: string, operator: boolean, io: Io, body: (adapter: LiveAdapter) => Promise<T>): Promise<T> {
  const { openLiveTenant } = await import('../adapters/live/openLiveTenant.js');
  const adapter = await openLiveTenant(config, { operator, log: (line) => io.err(`${line}\n`) });
  try {
    return await body(adapter);
  } finally {
    await adapter.close();
  }
}

/** Writes a new campaign's folder: its stories first, then the campaign file that says it exists. */
async function createCampaign(dir: string, file: CampaignFile, groups: readonly StoryGroup[]): Promise<void> {
  await writeDurably(campaignPaths(dir).stories, `${JSON.stringify(groups)}\n`);
  await writeCampaignFile(dir, file);
}

/**
 * Runs the campaign in `dir`. A Ctrl-C while an action (or putting the originals back) is under
 * way lets it finish and be journaled, then stops; otherwise, or at a second Ctrl-C, the process
 * exits at once (the lock released, as a kill would leave the files: resume goes on from them).
 */
async function run(
  dir: string,
  file: CampaignFile,
  adapter: LiveAdapter,
  groups: readonly StoryGroup[],
  maxSleepMs: number,
  io: Io,
): Promise<CampaignOutcome> {
  const stop: CampaignStop = { requested: false, underWay: undefined };
  const resume = `photosync campaign resume ${dir}`;
  const onSigint = () => {
    const u = stop.underWay;
    if (!stop.requested && u !== undefined && u.kind !== 'look') {
      stop.requested = true;
      io.err(
        u.kind === 'restore'
          ? '\nphotosync: stopping once the originals are back (Ctrl-C again to stop now)\n'
          : `\nphotosync: stopping once step ${u.step} (${u.what}) is made and journaled (Ctrl-C again to stop now: it is then journaled as unknown and never made again)\n`,
      );
      return;
    }
    io.err(
      u?.kind === 'restore'
        ? `\nphotosync: stopped by Ctrl-C while putting the originals back: photosync restore --config ${file.config} puts back what is still backed up\n`
        : `\nphotosync: stopped by Ctrl-C; ${
            u === undefined
              ? 'no step was under way'
              : u.kind === 'look'
                ? `resume makes the look under way (step ${u.step}, ${u.what}) again`
                : `resume journals the action under way (step ${u.step}, ${u.what}) as unknown and never makes it again`
          }; resume with: ${resume}\n`,
    );
    // synchronous from here: the lock goes with the process (campaignLock), every journal line is on disk
    process.exit(ExitCode.interrupted);
  };
  process.on('SIGINT', onSigint);
  try {
    return await runCampaign({ dir, file, adapter, groups, maxSleepMs, log: (l) => io.err(`${l}\n`), stop });
  } finally {
    process.off('SIGINT', onSigint);
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
export async function campaignReportCommand(
  dir: string,
  options: { format: Format; against?: string; onChange?: string; confirm?: string; maxSleep?: number },
  io: Io,
): Promise<ExitCode> {
  if (options.confirm !== undefined) return confirm(dir, options.confirm, options.maxSleep ?? 15, io);
  if (options.onChange !== undefined && options.against === undefined)
    throw new UsageError('--on-change needs --against BASE.json: the report a change is measured from');
  // the earlier report is read first: a bad one stops everything before anything is written
  const base = options.against === undefined ? undefined : await readReport(options.against);
  const file = readCampaignFile(dir);
  const state = readCampaignState(dir, { cut: false });
  const events = state.events.map((e) => e.event);
  const start = state.start;
  const report = campaignReport(dir, file, state, (profile) =>
    start === undefined ? undefined : explanationStory(profile, start, events),
  );
  if (start !== undefined) {
    report.timings = file.profiles.flatMap((id) => fitTimings(findProfile(id)!, start, events));
    report.observed = observedDelays(events);
  }
  const meta = reportMeta();
  // compared before anything is written: an earlier report of another kind stops the command with nothing out
  const diff =
    base === undefined
      ? undefined
      : compareReports(base, { report: 'campaign', schema: REPORT_SCHEMA, ...meta, ...report }, { base: options.against!, next: dir });
  io.out(renderers.campaign[options.format](report, meta));
  if (diff !== undefined) return alarm(diff, meta.generated, dir, options, io);
  return report.profiles.some((p) => p.verdict !== 'diverges') ? ExitCode.ok : ExitCode.diverges;
}

/**
 * The regression alarm: the campaign's report against an earlier one (`photosync diff`). When a
 * profile or rule that held now fails, or a measured timing moved outside its earlier values, the
 * diff is written beside the journal, `--on-change` is run with its path, and the exit code is 1.
 */
function alarm(diff: DiffReport, generated: string, dir: string, options: { against?: string; onChange?: string }, io: Io): ExitCode {
  io.err(`photosync: against ${options.against}: ${diffHeadline(diff)}\n`);
  if (!diff.regressed) return ExitCode.ok;
  const path = join(dir, `diff-${generated.replace(/[:.]/g, '-')}.json`);
  writeFileSync(path, diffRenderers.json(diff, reportMeta()));
  io.err(`photosync: the diff is in ${path}\n`);
  if (options.onChange !== undefined) {
    const ran = spawnSync(`${options.onChange} ${JSON.stringify(path)}`, { shell: true, stdio: ['ignore', 'inherit', 'inherit'] });
    if (ran.status !== 0) io.err(`photosync: --on-change exited with ${ran.status ?? ran.signal ?? 'an error'}\n`);
  }
  return ExitCode.diverges;
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
  else if (outcome.kind === 'no-story-fits')
    io.err(
      `photosync: campaign over: no story left could finish before the campaign's end, ${new Date(outcome.until!).toISOString()} (${what}): photosync campaign report ${dir}\n`,
    );
  else if (outcome.kind === 'out-of-requests')
    io.err(`photosync: the campaign's requests are spent (${what}): photosync campaign report ${dir}\n`);
  else {
    io.err(
      `photosync: stopped by Ctrl-C once step ${outcome.after ?? ''} was journaled (${what}); resume with: photosync campaign resume ${dir}\n`,
    );
    return ExitCode.interrupted;
  }
  return ExitCode.ok;
}

/**
 * `campaign report D --confirm P`: replays the minimal explanation of P's refutation on the tenant
 * as a new short campaign (in D/confirm-P-<time>), its waits as recorded. Exit 1 when P is refuted
 * again (confirmed), 0 when not (the tenant's state now may differ from the first campaign's).
 */
async function confirm(dir: string, profile: string, maxSleep: number, io: Io): Promise<ExitCode> {
  const parent = readCampaignFile(dir);
  if (!parent.profiles.includes(profile)) throw new UsageError(`--confirm ${profile}: the campaign in ${dir} did not check that profile`);
  const state = readCampaignState(dir, { cut: false });
  const found =
    state.start === undefined
      ? undefined
      : minimalExplanation(
          findProfile(profile)!,
          state.start,
          state.events.map((e) => e.event),
        );
  if (found === undefined)
    throw new UsageError(`--confirm ${profile}: the journal of ${dir} does not refute ${profile}: nothing to confirm`);
  const steps = replaySteps(found.events.map((e) => e.event));
  const subjects = [...new Set(found.events.flatMap((e) => subjectOf(e.event) ?? []))];
  const [group] = groupStories([{ id: `confirm/${profile}`, tenant: OBSERVED, refutes: profile, steps, robust: 0 }]) as [StoryGroup];
  const config = await loadLiveConfig(parent.config);
  return onTenant(parent.config, parent.operator, io, async (adapter) => {
    const now = adapter.clock.now();
    const into = join(dir, `confirm-${profile}-${new Date(now).toISOString().replace(/[:.]/g, '-')}`);
    const file: CampaignFile = {
      ...parent,
      users: subjects.length === 0 ? parent.users.slice(0, 1) : subjects.slice(0, 1),
      profiles: [profile],
      started: new Date(now).toISOString(),
      until: new Date(now + group.duration + DAY).toISOString(),
      confirms: { campaign: resolve(dir), profile },
    };
    delete file.budgetRequests;
    await createCampaign(into, file, [group]);
    io.err(`photosync: replaying the ${count(found.length, 'step')} that refuted ${profile} in ${into}\n`);
    const outcome = await run(into, file, adapter, [group], maxSleepOf(maxSleep, config), io);
    if (outcome.kind === 'sleeping' || outcome.kind === 'stopped') return said(outcome, into, io);
    const line = outcome.refuted.get(profile);
    io.err(
      line === undefined
        ? `photosync: not confirmed: the replay did not refute ${profile} (the tenant's state may differ from the first campaign's): ${campaignPaths(into).journal}\n`
        : `photosync: confirmed: the replay refuted ${profile} again at ${campaignPaths(into).journal}:${line}\n`,
    );
    return line === undefined ? ExitCode.ok : ExitCode.diverges;
  });
}
