// A rule names tips and destinations by id or name: check they exist before a rule is saved, so it cannot fire
// into nothing, and say what does exist.
import type { ErrorIssue } from '../http/errors';
import type { Store } from '../store';
import type { Rule } from './schema';

export async function checkRuleReferences(store: Store, workspaceId: string, rule: Pick<Rule, 'actions'>): Promise<ErrorIssue[]> {
  const issues: ErrorIssue[] = [];
  const destinations = await store.listDestinations(workspaceId);
  const names = destinations.map((d) => d.name).join(', ') || 'none yet (PUT /v1/destinations/:id)';
  const find = (ref: string) => destinations.find((d) => d.id === ref || d.name === ref);
  for (const [i, a] of rule.actions.entries()) {
    const path = `actions.${i}`;
    if (a.type === 'show_tip' && !(await store.getTip(workspaceId, a.tipId))) {
      const tips = (await store.listTips(workspaceId)).map((t) => t.id).join(', ') || 'none yet';
      issues.push({ path: `${path}.tipId`, message: `no tip "${a.tipId}"; tips: ${tips}` });
    }
    if (a.type === 'outreach' && !find(a.destination)) issues.push({ path: `${path}.destination`, message: `no destination "${a.destination}"; destinations: ${names}` });
    if (a.type === 'route_ticket' && a.destination !== undefined) {
      const d = find(a.destination);
      if (!d) issues.push({ path: `${path}.destination`, message: `no destination "${a.destination}"; destinations: ${names}` });
      else if (d.config.kind !== 'zendesk' && d.config.kind !== 'salesforce') {
        issues.push({ path: `${path}.destination`, message: `"${a.destination}" is a ${d.config.kind} destination; tickets are routed through a zendesk or salesforce one` });
      }
    }
    if (a.type === 'notify_owner' && !destinations.some((d) => d.config.kind === 'email' || d.config.kind === 'local_inbox')) {
      issues.push({ path, message: 'notify_owner sends through an email destination (or the local inbox); create one first' });
    }
  }
  return issues;
}
