// Every reference in the desired document must land inside the desired document: a flow's
// connections and dependency, a mapping's active version, an SLA rule's flows, an alert rule's
// flow, connection or SLA rule. A reference to something the document drops is worded as the
// refused deletion it is ("connection erp cannot be deleted: flow x uses it").
import { referencesOf, type RefKind } from './alert-params';
import type { ConfigDocument } from './document';

const WORDS: Record<RefKind, string> = {
  flow: 'flow',
  connection: 'connection',
  slaRule: 'SLA rule',
};

export function referenceConflicts(current: ConfigDocument, desired: ConfigDocument): string[] {
  const wanted: Record<RefKind, Set<string>> = {
    connection: new Set(desired.connections.map((c) => c.key)),
    flow: new Set(desired.flows.map((f) => f.key)),
    slaRule: new Set(desired.slaRules.map((r) => r.name)),
  };
  const stored: Record<RefKind, Set<string>> = {
    connection: new Set(current.connections.map((c) => c.key)),
    flow: new Set(current.flows.map((f) => f.key)),
    slaRule: new Set(current.slaRules.map((r) => r.name)),
  };
  const conflicts: string[] = [];
  const check = (kind: RefKind, name: string | null, user: string, role: string) => {
    if (name === null || wanted[kind].has(name)) return;
    conflicts.push(
      stored[kind].has(name)
        ? `${WORDS[kind]} ${name} cannot be deleted: ${user} uses it (${role}); change or delete that too`
        : `${user}: ${role} ${name} is not in the document`,
    );
  };
  for (const flow of desired.flows) {
    const user = `flow ${flow.key}`;
    check('connection', flow.source, user, 'source connection');
    check('connection', flow.target, user, 'target connection');
    check('flow', flow.dependsOn, user, 'dependency');
    if (flow.dependsOn === flow.key) conflicts.push(`${user} depends on itself`);
    const active = flow.mapping.active;
    if (active !== null && !flow.mapping.versions.some((v) => v.version === active))
      conflicts.push(`${user}: the active mapping version ${active} is not among its versions`);
  }
  conflicts.push(...dependencyCycles(desired));
  for (const rule of desired.slaRules) {
    const user = `SLA rule "${rule.name}"`;
    check('flow', rule.startFlow, user, 'start flow');
    check('flow', rule.expectFlow, user, 'expected flow');
  }
  for (const rule of desired.alertRules)
    for (const ref of referencesOf(rule.params))
      check(ref.kind, ref.name, `alert rule "${rule.name}"`, WORDS[ref.kind]);
  return conflicts;
}

/** Flows that wait for each other forever: a -> b -> a. One conflict per cycle. */
function dependencyCycles(doc: ConfigDocument): string[] {
  const next = new Map(doc.flows.map((f) => [f.key, f.dependsOn]));
  const reported = new Set<string>();
  const conflicts: string[] = [];
  for (const start of next.keys()) {
    const path: string[] = [];
    let at: string | null | undefined = start;
    while (at && !path.includes(at)) {
      path.push(at);
      at = next.get(at);
    }
    if (!at || at === path[path.length - 1]) continue; // no cycle, or a self-dependency
    const cycle = path.slice(path.indexOf(at));
    if (cycle.some((k) => reported.has(k))) continue;
    cycle.forEach((k) => reported.add(k));
    conflicts.push(`flows ${[...cycle, at].join(' -> ')} depend on each other in a circle`);
  }
  return conflicts;
}

/** Flows in an order where each comes after the flow it depends on (cycles refused before). */
export function dependencyOrder<T extends { key: string; dependsOn: string | null }>(
  flows: T[],
): T[] {
  const byKey = new Map(flows.map((f) => [f.key, f]));
  const done = new Set<string>();
  const ordered: T[] = [];
  const visit = (flow: T, depth: number) => {
    if (done.has(flow.key) || depth > flows.length) return;
    const dep = flow.dependsOn ? byKey.get(flow.dependsOn) : undefined;
    if (dep) visit(dep, depth + 1);
    done.add(flow.key);
    ordered.push(flow);
  };
  flows.forEach((f) => visit(f, 0));
  return ordered;
}
