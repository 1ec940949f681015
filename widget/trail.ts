// The diagnostic trail a handoff carries: the SDK's (screens, signals, errors, tips shown or dismissed, articles)
// plus what happened inside the widget, which only the widget sees (tips that helped or not, articles opened here).
import type { WidgetBridge } from '../sdk/widget-contract';
import type { DiagnosticTrail } from '../sdk/wire';

/** The edge accepts 100 entries a kind; the SDK keeps 20, so this bounds the widget's own and the merge. */
const MAX_PER_KIND = 100;

export type Trail = ReturnType<typeof createTrail>;

export function createTrail(bridge: Pick<WidgetBridge, 'trail'>, now: () => number = Date.now) {
  const tips: DiagnosticTrail['tips'] = [];
  const articles: DiagnosticTrail['articles'] = [];
  const merge = <T extends { at: number }>(a: T[], b: T[]) => a.concat(b).sort((x, y) => x.at - y.at).slice(-MAX_PER_KIND);
  return {
    tip(tipId: string, outcome: DiagnosticTrail['tips'][number]['outcome']) {
      tips.push({ tipId, at: now(), outcome }) > MAX_PER_KIND && tips.shift();
    },
    article(articleId: string, title?: string) {
      articles.push({ articleId, at: now(), title }) > MAX_PER_KIND && articles.shift();
    },
    current(): DiagnosticTrail {
      const base = bridge.trail();
      return { ...base, tips: merge(base.tips, tips), articles: merge(base.articles, articles) };
    },
  };
}
