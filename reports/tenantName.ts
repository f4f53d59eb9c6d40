/** A tenant as a report names it: `the simulated tenant (threewill-2014, mutant owa-caches-a-day, with a history)`. */
export function tenantName(tenant: Readonly<Record<string, string>>): string {
  if (tenant.adapter === 'live')
    return `the live tenant (${tenant.config ?? 'no config'}${tenant.operator === 'none' ? ', no operator' : ''})`;
  if (tenant.adapter !== 'sim') return `the ${tenant.adapter ?? 'unknown'} tenant`;
  const notes = [
    tenant.simProfile,
    tenant.mutant === undefined ? undefined : `mutant ${tenant.mutant}`,
    tenant.history === 'as-is' ? 'with a history' : undefined,
  ].filter((n) => n !== undefined);
  return `the simulated tenant (${notes.join(', ')})`;
}
