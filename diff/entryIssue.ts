import type { ReportJson } from '../reports/ReportJson.js';
import { formatPath } from '../trace/TraceError.js';

/** A field of a report that its schema lets through but diff cannot compare: where it is, and why. */
export type EntryIssue = { readonly path: readonly (string | number)[]; readonly message: string };

/** What this photosync knows: its profiles, its mutant catalog, and its own version (to name the one that made a report). */
export type Known = {
  readonly profiles: readonly string[];
  /** each mutant of the catalog with the profiles whose rule it breaks, on which alone `photosync mutants` runs it */
  readonly mutants: readonly { readonly id: string; readonly profiles: readonly string[] }[];
  readonly version: string;
};

/** One entry diff keys by profile: where it is, its key, and how to name it when it comes twice. */
type Entry = {
  readonly path: readonly (string | number)[];
  readonly profile: string;
  readonly key: string;
  /** the field that repeats an earlier entry, when one does */
  readonly field?: string;
  /** a mutants report's mutant, which the catalog must know, on that profile */
  readonly mutant?: string;
  readonly name: string;
  readonly noun: string;
};

/**
 * The first entry of a report that names a profile this photosync does not know, or a mutant its
 * catalog does not know (or not on that profile), or that repeats an earlier one (one result per
 * profile, one run per mutant and profile, one fit per timing parameter). Diff would take any of
 * them for an entry found in one report only, never a regression: a regression hidden behind a
 * renamed or doubled entry, and exit 0.
 */
export function entryIssue(report: ReportJson, known: Known): EntryIssue | undefined {
  const seen = new Map<string, Entry>();
  // a newer photosync may know what this one does not
  const newer =
    report.tool.version === known.version
      ? ''
      : `; photosync ${report.tool.version} made the report: diff with that version or a later one`;
  for (const e of entriesOf(report)) {
    if (!known.profiles.includes(e.profile)) {
      const message = `unknown profile ${JSON.stringify(e.profile)} (this photosync knows ${known.profiles.join(', ')})${newer}`;
      return { path: [...e.path, 'profile'], message };
    }
    const issue = e.mutant === undefined ? undefined : mutantIssue(e.mutant, e.profile, known);
    if (issue !== undefined) return { path: [...e.path, issue.field], message: `${issue.message}${newer}` };
    const earlier = seen.get(e.key);
    if (earlier !== undefined)
      return {
        path: e.field === undefined ? e.path : [...e.path, e.field],
        message: `${e.name} again (${formatPath(earlier.path)} is that ${e.noun})`,
      };
    seen.set(e.key, e);
  }
  return undefined;
}

/** The field of a mutant's run the catalog does not know, and why: no mutant of that id, or that mutant is run on other profiles only. */
function mutantIssue(id: string, profile: string, known: Known): { field: string; message: string } | undefined {
  const mutant = known.mutants.find((m) => m.id === id);
  if (mutant === undefined)
    return {
      field: 'id',
      message: `unknown mutant ${JSON.stringify(id)} (not in this photosync's catalog: photosync mutants --list shows it)`,
    };
  if (!mutant.profiles.includes(profile))
    return {
      field: 'profile',
      message: `mutant ${JSON.stringify(id)} is not run on ${profile} (in this photosync's catalog it breaks a rule of ${mutant.profiles.join(', ')} only)`,
    };
  return undefined;
}

function entriesOf(r: ReportJson): Entry[] {
  const byProfile = (field: string, list: readonly { profile: string }[]): Entry[] =>
    list.map((x, i) => ({
      path: [field, i],
      profile: x.profile,
      key: x.profile,
      field: 'profile',
      name: JSON.stringify(x.profile),
      noun: 'profile',
    }));
  switch (r.report) {
    case 'check':
    case 'matrix':
      return byProfile('results', r.results);
    case 'run':
      return [{ path: [], profile: r.profile, key: r.profile, name: JSON.stringify(r.profile), noun: 'profile' }];
    case 'mutants':
      return r.mutants.map((m, i) => ({
        path: ['mutants', i],
        profile: m.profile,
        key: `${m.id}\n${m.profile}`,
        mutant: m.id,
        name: `mutant ${JSON.stringify(m.id)} on ${m.profile}`,
        noun: 'run',
      }));
    case 'campaign':
      return [
        ...byProfile('profiles', r.profiles),
        ...(r.timings ?? []).map((t, i) => ({
          path: ['timings', i],
          profile: t.profile,
          key: `${t.profile}\n${t.param}`,
          field: 'param',
          name: `${t.param} of ${t.profile}`,
          noun: 'parameter',
        })),
      ];
    default:
      // kinds diff does not compare: compareReports refuses them
      return [];
  }
}
